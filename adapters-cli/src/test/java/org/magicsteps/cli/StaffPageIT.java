package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.TokenSecret;
import org.magicsteps.model.ModelBundle;

/**
 * The staff page in a real browser (Debian's headless Chromium) against the whole server as
 * {@link Wiring} builds it: the bundled default model, the embedded SQLite store, real sockets.
 * Every screen is photographed under {@code target/staff-page/}.
 */
class StaffPageIT {

    private static final TokenSecret SECRET = TokenSecret.ofText("pW3nX8qL1zR6tV9yB2mK5cJ0hG4fD7sA");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;

    private static Wiring wiring;
    private static MagicStepsServer server;
    private static Browser browser;
    private static String base;

    @BeforeAll
    static void start() {
        AppConfig config = AppConfig.resolve(Map.of(), Map.of("HOST", "127.0.0.1", "PORT", "0"), Map.of())
                .withDataDir(dir.resolve("data"));
        wiring = new Wiring(config);
        RegisterUser register = wiring.registerUser();
        register.executeAsOperator(new RegisterUser.Command("ana", "senha-da-ana".toCharArray(), "Ana Souza", Role.ADMIN));
        register.executeAsOperator(new RegisterUser.Command("bia", "senha-da-bia".toCharArray(), "Bia Lima", Role.USER));
        server = wiring.startServer(SECRET);
        base = "http://127.0.0.1:" + server.port();
        browser = new Browser(dir.resolve("browser"), buildDirectory().resolve("staff-page"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (wiring != null) {
            wiring.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.resize(1280, 900);
        browser.forgetSession(base);
        browser.console();
    }

    @AfterEach
    void noScriptErrorsNorPolicyViolations() {
        List<String> problems = browser.console().stream()
                .filter(line -> line.contains("Content Security Policy") || line.contains("Uncaught"))
                .toList();
        assertEquals(List.of(), problems, "the browser console");
    }

    /**
     * The issue's path: a sheet the test makes (an XLSX of 2022's layout, with an XSS attempt for a
     * student id and a row the model refuses), the ranked table in the order of {@code score}'s
     * probabilities, filters, search, sorting, a student's detail, the charts, and the CSV download
     * compared with what {@code magic-steps score} writes for the same sheet.
     */
    @Test
    void uploadsASheetAndWorksWithTheRankedTable() throws Exception {
        Path sheet = sheet(dir.resolve("turma-2022.xlsx"));
        String ana = token("ana", "senha-da-ana");
        double threshold = api("GET", "/thresholds", null, ana).get("threshold").asDouble();
        Map<String, Map<String, String>> scored = scoreCsv(sheet, "default", threshold);
        assertEquals(STUDENTS + 1, scored.size(), "one row refused: " + scored.keySet());
        List<String> ranked = scored.values().stream()
                .sorted(Comparator.comparingDouble(r -> Double.parseDouble(r.get("probability"))))
                .map(r -> r.get("student_id")).toList();

        signIn("ana", "senha-da-ana");
        browser.open(base + "/#planilha");
        browser.awaitVisible("#planilha-arquivo").sendKeys(sheet.toString());
        browser.find("#form-planilha button[type=submit]").click();
        String summary = browser.awaitText("#resumo-planilha", "pontuadas");
        assertTrue(summary.startsWith("turma-2022.xlsx (PEDE 2022): " + (STUDENTS + 2) + " linhas, " + (STUDENTS + 1)
                + " pontuadas, 1 recusadas, "), summary);
        assertEquals(ranked, shownIds(), "furthest from the PV first, as score's probabilities order them");
        for (List<String> cells : shownRows()) {
            assertEquals(String.join("\n", reasons(scored.get(cells.get(0)))), cells.get(7),
                    "the top reasons of " + cells.get(0) + ", as score --explain gives them");
        }
        assertTrue(shownRows().stream().allMatch(cells -> cells.get(7).startsWith("IPV ")),
                "the default model's trees split on IPV: its reason comes first for everyone");
        String refused = browser.find("#recusadas-linhas").getText();
        assertTrue(refused.contains("RA-SEM-IPV") && refused.contains("score_ipv: is required but missing"), refused);
        browser.screenshot("08-planilha");
        browser.screenshotOf(browser.find("#tabela-alunos").findElement(By.xpath("ancestor::div[@class='cartao']")),
                "tabela-ordenada");

        // The student id made of markup is shown as its characters, and nothing ran.
        assertTrue(ranked.contains(XSS));
        assertEquals(List.of(), browser.all("#linhas-alunos img"), "no element made from the data");
        assertTrue(shownIds().contains(XSS));

        int phase = PHASES.get("RA-0");
        String phaseName = phase == 0 ? "ALFA" : "Fase " + phase;
        new Select(browser.find("#filtro-fase")).selectByVisibleText(phaseName);
        assertEquals(List.of(phaseName), shownRows().stream().map(cells -> cells.get(1)).distinct().toList());
        assertEquals(ranked.stream().filter(id -> PHASES.get(id) == phase).toList(), shownIds());
        new Select(browser.find("#filtro-fase")).selectByVisibleText("Todas");
        new Select(browser.find("#filtro-previsao")).selectByVisibleText("Atinge o PV");
        assertEquals(ranked.stream().filter(id -> scored.get(id).get("prediction").equals("1")).toList(), shownIds());
        new Select(browser.find("#filtro-previsao")).selectByVisibleText("Todas");
        browser.find("#busca-ra").sendKeys("RA-7");
        assertEquals(List.of("RA-7"), shownIds());
        browser.find("#busca-ra").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.await(d -> shownIds().size() == STUDENTS + 1);

        browser.find("button[data-coluna=probability]").click();
        List<String> highestFirst = scored.values().stream()
                .sorted(Comparator.comparingDouble((Map<String, String> r) -> -Double.parseDouble(r.get("probability"))))
                .map(r -> r.get("student_id")).toList();
        assertEquals(highestFirst, shownIds(), "sorted by probability, highest first (ties in sheet order)");
        assertEquals("descending", browser.find("button[data-coluna=probability]").findElement(By.xpath(".."))
                .getAttribute("aria-sort"));
        browser.find("button[data-coluna=student_id]").click();
        List<String> naturalOrder = new java.util.ArrayList<>(List.of(XSS));
        for (int i = 0; i < STUDENTS; i++) {
            naturalOrder.add("RA-" + i);
        }
        assertEquals(naturalOrder, shownIds(), "by id, numbers in their natural order (RA-2 before RA-10)");
        browser.find("button[data-coluna=probability]").click();
        assertEquals(ranked, shownIds());

        String chart = browser.find("#grafico-distribuicao-area details table").getAttribute("textContent");
        assertTrue(chart.contains("Faixa"), chart);
        assertTrue(browser.find("#grafico-distribuicao").getSize().getHeight() > 100, "the histogram is drawn");
        assertTrue(browser.find("#grafico-fases").getSize().getHeight() > 100, "the phases are drawn");

        WebElement seven = browser.driver.findElement(By.xpath("//tbody[@id='linhas-alunos']//button[text()='RA-7']"));
        seven.click();
        browser.awaitText("#aluno-titulo", "Aluno RA-7");
        String detail = browser.find("#aluno").getText();
        assertTrue(detail.contains("Probabilidade de atingir o PV"), detail);
        String features = browser.find("#aluno-atributos").getText();
        for (String feature : List.of("fase", "idade", "score_ipv", "score_inde", "pedra_modal")) {
            assertTrue(features.contains(feature), feature + " in " + features);
        }
        List<String> read = wiring.model().trainingReference().stream().filter(f -> f.readByModel())
                .map(f -> f.feature()).sorted().toList();
        List<String> contributing = browser.all("#aluno-atributos tr").stream()
                .filter(tr -> !tr.findElements(By.tagName("td")).get(2).getText().equals("—"))
                .map(tr -> tr.findElements(By.tagName("td")).get(0).getText()).sorted().toList();
        assertEquals(read, contributing, "a contribution for every feature the model reads, and only those");
        @SuppressWarnings("unchecked")
        Map<String, Object> bars = (Map<String, Object>) browser.script("const c = Chart.getChart('grafico-contribuicoes');"
                + " return {labels: c.data.labels, legend: c.data.datasets.map(d => d.label),"
                + " axis: c.options.indexAxis};");
        assertEquals("y", bars.get("axis"), "horizontal bars");
        assertEquals(read.size(), ((List<?>) bars.get("labels")).size(), bars.toString());
        assertEquals(List.of("Aumenta a chance", "Reduz a chance"), bars.get("legend"));
        assertEquals("IPV — ponto de virada", ((List<?>) bars.get("labels")).get(0), "the strongest first, in pt-BR");
        String numbers = browser.find("#aluno-porque details table tbody tr:first-child").getAttribute("textContent");
        assertTrue(numbers.contains(scored.get("RA-7").get("reason_1")), numbers + " / " + scored.get("RA-7"));
        assertEveryControlHasAName("#aluno", "a student's detail (the page behind a modal dialog is inert)");
        browser.screenshot("09-aluno");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await(d -> !browser.find("#aluno").isDisplayed());
        assertEquals(seven, browser.driver.switchTo().activeElement(), "the focus is back on the row");

        // The markup in the data (its id and its class) is shown as characters in the detail too.
        browser.driver.findElement(By.xpath("//tbody[@id='linhas-alunos']//button[text()='" + XSS + "']")).click();
        browser.awaitText("#aluno-titulo", "Aluno " + XSS);
        assertTrue(browser.find("#aluno-atributos").getText().contains("turma " + XSS), "the class as its characters");
        assertEquals(List.of(), browser.all("#aluno img"), "no element made from the data");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await(d -> !browser.find("#aluno").isDisplayed());

        browser.find("#baixar-csv").click();
        Path downloaded = browser.awaitDownload("turma-2022-previsoes.csv");
        List<Map<String, String>> page = csv(Files.readString(downloaded));
        assertEquals(ranked, page.stream().map(r -> r.get("student_id")).toList(), "the table's order");
        for (Map<String, String> row : page) {
            Map<String, String> expected = scored.get(row.get("student_id"));
            for (String column : List.of("student_id", "probability", "prediction", "confidence", "model_version",
                    "warnings")) {
                assertEquals(expected.get(column), row.get(column), column + " of " + row.get("student_id"));
            }
            assertEquals(Double.parseDouble(expected.get("threshold")), Double.parseDouble(row.get("threshold")));
        }
        assertCsvReasons(scored, page);

        // The drift of the sheet, shown to an admin as the API measures it, major ones marked.
        JsonNode drift = JSON.readTree(ServerCalls.upload(server, "/sheets/drift?file=turma-2022.xlsx",
                Files.readAllBytes(sheet), ana).body());
        browser.find("#medir-desvio").click();
        browser.awaitText("#desvio-resumo", "alunos comparados com o treino");
        List<WebElement> driftRows = browser.all("#desvio-linhas tr");
        assertEquals(drift.get("features").size(), driftRows.size());
        Map<String, String> levels = Map.of("stable", "estável", "moderate", "moderado", "major", "grave");
        for (int i = 0; i < driftRows.size(); i++) {
            JsonNode feature = drift.get("features").get(i);
            List<String> cells = driftRows.get(i).findElements(By.tagName("td")).stream().map(WebElement::getText)
                    .toList();
            assertEquals(feature.get("feature").asText(), cells.get(0), "most drifted first, as the API orders them");
            assertEquals(feature.get("read_by_model").asBoolean() ? "sim" : "não (não conta)", cells.get(1));
            assertEquals(feature.get("psi").isNull() ? "—" : decimal(feature.get("psi").asDouble()), cells.get(2));
            assertEquals(levels.getOrDefault(feature.path("level").asText(), "—"), cells.get(3), feature.toString());
            boolean major = feature.get("read_by_model").asBoolean() && "major".equals(feature.path("level").asText());
            assertEquals(major, "grave".equals(driftRows.get(i).getAttribute("class")), feature.toString());
        }
        String driftSummary = browser.find("#desvio-resumo").getText();
        assertTrue(driftSummary.startsWith("turma-2022.xlsx: " + (STUDENTS + 2) + " alunos comparados"), driftSummary);
        assertEquals(drift.get("major").asBoolean(), driftSummary.contains("Atenção"), driftSummary);
        browser.screenshotOf(browser.find("#desvio"), "12-desvio");
        assertEveryControlHasAName("body", "the scored sheet with its drift");

        // Another model explains differently (the strict early warning, three reasons each, reading the class
        // too): the same comparison with score's, and the class's markup in a reason shown as its characters.
        String strict = "early-warning-strict";
        double earlyThreshold = api("GET", "/thresholds?model=" + strict, null, ana).get("threshold").asDouble();
        Map<String, Map<String, String>> early = scoreCsv(sheet, strict, earlyThreshold);
        new Select(browser.find("#modelo-escolhido")).selectByValue(strict);
        browser.awaitText("#resumo-planilha", "Modelo " + strict);
        assertTrue(browser.find("#desvio-resultado").getAttribute("hidden") != null, "the other model's drift is not shown");
        Files.delete(downloaded);
        browser.find("#baixar-csv").click();
        List<Map<String, String>> earlyPage = csv(Files.readString(browser.awaitDownload("turma-2022-previsoes.csv")));
        assertEquals(early.keySet(), Set.copyOf(earlyPage.stream().map(r -> r.get("student_id")).toList()));
        assertCsvReasons(early, earlyPage);
        assertTrue(earlyPage.stream().allMatch(r -> !r.get("reason_3").isEmpty()), "three reasons each");
        browser.driver.findElement(By.xpath("//tbody[@id='linhas-alunos']//button[text()='" + XSS + "']")).click();
        browser.awaitText("#aluno-titulo", "Aluno " + XSS);
        String why = browser.find("#aluno-porque details").getAttribute("textContent");
        assertTrue(why.contains("Turma " + XSS + " (desconhecida no treino)"), "the class's reason as its characters: " + why);
        assertEquals(List.of(), browser.all("#aluno img"), "no element made from the data");
        browser.screenshot("14-aluno-linear");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.await(d -> !browser.find("#aluno").isDisplayed());
        new Select(browser.find("#modelo-escolhido")).selectByValue("default");
        browser.awaitText("#resumo-planilha", "Modelo default");
        browser.find("#medir-desvio").click();
        browser.awaitText("#desvio-resumo", "alunos comparados com o treino");

        browser.resize(360, 740);
        browser.await(d -> browser.scrollWidth() <= 360);
        browser.screenshot("11-360-planilha");
        browser.driver.findElement(By.xpath("//tbody[@id='linhas-alunos']//button[text()='RA-7']")).click();
        browser.awaitText("#aluno-titulo", "Aluno RA-7");
        assertEquals(Boolean.TRUE, browser.script("const d = document.getElementById('aluno');"
                + " return d.scrollWidth <= d.clientWidth && d.getBoundingClientRect().right <= 360;"),
                "the detail and its chart fit in 360 px");
        browser.screenshot("11-360-aluno");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }

    /**
     * Every control, scrolling region and chart shown inside {@code root} has an accessible name (its
     * label, text or aria-label), as the browser computes it for a screen reader.
     */
    private static void assertEveryControlHasAName(String root, String where) {
        List<String> unnamed = browser.find(root).findElements(By.cssSelector(
                "input, select, textarea, button, a[href], [tabindex='0'], canvas")).stream()
                .filter(WebElement::isDisplayed)
                .filter(control -> control.getAccessibleName() == null || control.getAccessibleName().isBlank())
                .map(control -> control.getTagName() + "#" + control.getAttribute("id")).toList();
        assertEquals(List.of(), unnamed, "controls without a name, " + where);
    }

    @Test
    void signsInWithTheKeyboardAfterAWrongPasswordIsRefusedInPlace() {
        browser.open(base + "/");
        WebElement user = browser.awaitVisible("#usuario");
        assertEquals(user, browser.driver.switchTo().activeElement(), "the username field has the focus");
        user.sendKeys("ana", Keys.TAB, "senha-errada", Keys.ENTER);

        String refused = browser.awaitText("#erro-entrar", "Incorrect username or password");
        assertEquals("Não autenticado (401): Incorrect username or password", refused);
        browser.screenshot("01-entrar-erro");

        browser.find("#senha").clear();
        browser.find("#senha").sendKeys("senha-da-ana", Keys.ENTER);
        assertEquals("ana (administrador)", browser.awaitText("#quem", "ana"));
        browser.awaitText("#modelo-escolhido", "default (padrão)");
        assertEquals(browser.find("#titulo-planilha"), browser.driver.switchTo().activeElement(),
                "the keyboard is on the first section's heading");
        assertTrue(browser.all("#entrar").get(0).getAttribute("hidden") != null, "the sign-in form is gone");
        String stored = (String) browser.script("return localStorage.length + '/' + document.cookie");
        assertEquals("0/", stored, "no token in localStorage, no cookie");
    }

    @Test
    void anAdminChoosesAModelChangesItsThresholdAndSeesWhatItMeansAndTheTrail() throws Exception {
        String ana = token("ana", "senha-da-ana");
        JsonNode defaultBefore = api("GET", "/thresholds", null, ana);
        signIn("ana", "senha-da-ana");
        browser.open(base + "/#modelo");
        JsonNode atDefault = api("GET", "/info", null, ana).get("held_out").get("at_threshold");
        String meaning = browser.awaitText("#limiar-significado", "Precisão");
        assertTrue(meaning.contains("Precisão " + percent(atDefault.get("precision").asDouble())
                + ": dos previstos"), meaning + " / " + atDefault);
        assertTrue(meaning.contains("Revocação " + percent(atDefault.get("recall").asDouble())), meaning);

        new Select(browser.find("#modelo-escolhido")).selectByValue("early-warning");
        HeldOutEvaluation heldOut = ModelBundle.bundled("early-warning").orElseThrow().heldOut().orElseThrow();
        double earlyThreshold = api("GET", "/thresholds?model=early-warning", null, ana).get("threshold").asDouble();
        browser.awaitText("#limiar-dados", decimal(earlyThreshold));
        WebElement field = browser.awaitVisible("#novo-limiar");
        field.clear();
        field.sendKeys("0.3");
        HeldOutEvaluation.Outcome at = heldOut.at(new Threshold(0.3));
        String preview = browser.awaitText("#previa-limiar", "Com o novo limiar (0,300)");
        assertTrue(preview.contains("entre os " + heldOut.students() + " alunos do conjunto de teste, " + at.flagged()
                + " seriam previstos"), preview + " / " + at);
        assertTrue(preview.contains("Precisão " + percent(at.precision())), preview + " / " + at);
        assertTrue(preview.contains("Revocação " + percent(at.recall())), preview + " / " + at);
        browser.screenshot("02-limiar-admin");
        field.sendKeys(Keys.ENTER);

        browser.awaitText("#ok-limiar", "Limiar alterado para 0,300.");
        assertTrue(browser.find("#limiar-dados").getText().contains("0,300"));
        String newest = browser.awaitText("#historico-linhas tr:first-child", "0,300");
        assertTrue(newest.contains("ana") && newest.contains("early-warning-"), newest);
        assertEquals(0.3, api("GET", "/thresholds?model=early-warning", null, ana).get("threshold").asDouble());
        assertEquals(defaultBefore.get("threshold").asDouble(), api("GET", "/thresholds", null, ana).get("threshold")
                .asDouble(), "the default model's threshold is its own");
    }

    @Test
    void aNonAdminIsOfferedNoChangeAndIsRefusedAnotherUsersRecords() throws Exception {
        signIn("bia", "senha-da-bia");
        browser.open(base + "/#modelo");
        browser.awaitText("#limiar-so-admin", "Só administradores alteram o limiar");
        assertFalse(browser.find("#form-limiar").isDisplayed(), "no threshold control");
        assertFalse(browser.find("#historico").isDisplayed(), "no audit trail");
        HttpResponse<String> put = send("PUT", "/thresholds", "{\"threshold\": 0.2}", token("bia", "senha-da-bia"));
        assertEquals(403, put.statusCode(), "the API refuses her too");
        browser.screenshot("03-limiar-usuario");

        browser.open(base + "/#registro");
        browser.awaitText("#registro-escopo", "feitas com o seu usuário (bia)");
        browser.find("#filtro-usuario").sendKeys("ana", Keys.ENTER);

        String refused = browser.awaitText("#erro-registro", "403");
        assertTrue(refused.startsWith("Sem permissão (403): "), refused);
    }

    @Test
    void anApiErrorIsShownInPlaceAsItsDetailSays() {
        signIn("ana", "senha-da-ana");
        browser.open(base + "/#registro");
        WebElement limit = browser.awaitVisible("#filtro-limite");
        limit.clear();
        limit.sendKeys("9999", Keys.ENTER);

        String refused = browser.awaitText("#erro-registro", "limit");
        assertTrue(refused.startsWith("Dados recusados (422): limit: "), refused);
        assertTrue(browser.find("#form-registro").isDisplayed(), "the form stays, to be corrected");
        browser.screenshot("04-registro-erro");
    }

    @Test
    void textFromTheDataIsShownAsTextNeverAsMarkup() throws Exception {
        String ana = token("ana", "senha-da-ana");
        HttpResponse<String> predicted = send("POST", "/predict", "{\"student_id\": " + JSON.writeValueAsString(XSS)
                + ", \"features\": " + JSON.writeValueAsString(student()) + "}", ana);
        assertEquals(200, predicted.statusCode(), predicted.body());
        signIn("ana", "senha-da-ana");
        browser.open(base + "/#registro");
        browser.awaitVisible("#filtro-aluno").sendKeys(XSS, Keys.ENTER);

        String row = browser.awaitText("#registro-linhas tr:first-child", "onerror");
        assertTrue(row.contains(XSS), row);
        assertEquals(XSS, browser.find("#registro-linhas tr:first-child td:nth-child(3)").getText());
        assertEquals(List.of(), browser.all("#registro-linhas img"), "no element made from the id");
        browser.screenshot("05-registro-texto");
    }

    @Test
    void everyScreenFitsA360PixelWideWindow() {
        browser.resize(360, 740);
        browser.open(base + "/");
        browser.awaitVisible("#usuario");
        assertTrue(browser.scrollWidth() <= 360, "sign-in: " + browser.scrollWidth());
        browser.screenshot("06-360-entrar");
        signIn("ana", "senha-da-ana");
        for (String section : List.of("modelo", "registro")) {
            browser.open(base + "/#" + section);
            browser.awaitVisible("#titulo-" + section);
            assertTrue(browser.scrollWidth() <= 360, section + ": " + browser.scrollWidth());
            browser.screenshot("06-360-" + section);
        }
    }

    @Test
    void swaggerUiStillLoadsUnderItsOwnPolicy() {
        browser.open(base + "/docs");
        browser.awaitText(".swagger-ui", "/predict/batch");
        browser.screenshot("07-docs");
    }

    @Test
    void aFileThatIsNotASheetIsRefusedInPlaceAsTheApiSaysWhy() throws Exception {
        Path notes = Files.writeString(dir.resolve("notas.txt"), "reunião de pais na sexta\n");
        signIn("bia", "senha-da-bia");
        browser.open(base + "/#planilha");
        browser.awaitVisible("#planilha-arquivo").sendKeys(notes.toString());
        browser.find("#form-planilha button[type=submit]").click();

        String refused = browser.awaitText("#erro-planilha", "notas.txt");
        assertTrue(refused.startsWith("Dados recusados (422): notas.txt: "), refused);
        assertFalse(browser.find("#resultado-planilha").isDisplayed(), "no table from a refused file");
        browser.screenshot("10-planilha-erro");
    }

    @Test
    void aNonAdminAskingForTheSheetsDriftIsRefusedInPlaceAsTheApiSays() throws Exception {
        Path sheet = sheet(dir.resolve("turma-bia.xlsx"));
        signIn("bia", "senha-da-bia");
        browser.open(base + "/#planilha");
        browser.awaitVisible("#planilha-arquivo").sendKeys(sheet.toString());
        browser.find("#form-planilha button[type=submit]").click();
        browser.awaitText("#resumo-planilha", "pontuadas");

        browser.find("#medir-desvio").click();
        String refused = browser.awaitText("#erro-desvio", "403");
        HttpResponse<String> api = ServerCalls.upload(server, "/sheets/drift", Files.readAllBytes(sheet),
                token("bia", "senha-da-bia"));
        assertEquals(403, api.statusCode());
        assertEquals("Sem permissão (403): " + JSON.readTree(api.body()).get("detail").asText(), refused);
        assertTrue(browser.find("#desvio-resultado").getAttribute("hidden") != null, "no drift table");
        assertTrue(browser.find("#resultado-planilha").isDisplayed(), "the scored table stays");
        browser.screenshotOf(browser.find("#desvio"), "13-desvio-recusado");
    }

    private static final int STUDENTS = 24;
    /** Each generated student's phase, by id. */
    private static final Map<String, Integer> PHASES = new java.util.HashMap<>();

    /**
     * An XLSX of 2022's layout: {@value #STUDENTS} generated students, one whose id is an XSS
     * attempt, and one without IPV (which the default model needs: refused).
     */
    private static Path sheet(Path file) throws IOException {
        Path csv = LabelledSheets.write(dir.resolve("generated.csv"), STUDENTS, 15, false);
        List<String> lines = Files.readAllLines(csv);
        List<List<Object>> rows = new java.util.ArrayList<>();
        rows.add(List.of((Object[]) lines.get(0).split(",")));
        for (String line : lines.subList(1, lines.size())) {
            rows.add(cells(line));
        }
        List<Object> xss = new java.util.ArrayList<>(cells(lines.get(1)));
        xss.set(0, XSS);
        xss.set(List.of(lines.get(0).split(",")).indexOf("Turma"), XSS);
        rows.add(xss);
        List<Object> withoutIpv = new java.util.ArrayList<>(cells(lines.get(2)));
        withoutIpv.set(0, "RA-SEM-IPV");
        withoutIpv.set(List.of(lines.get(0).split(",")).indexOf("IPV"), null);
        rows.add(withoutIpv);
        for (List<Object> row : rows.subList(1, rows.size())) {
            PHASES.put((String) row.get(0), ((Number) row.get(1)).intValue());
        }
        return org.magicsteps.model.data.Sheets.xlsx(file, List.of("PEDE2022"), rows);
    }

    private static List<Object> cells(String line) {
        List<Object> cells = new java.util.ArrayList<>();
        for (String cell : line.split(",")) {
            try {
                cells.add(cells.isEmpty() ? cell : Double.parseDouble(cell));
            } catch (NumberFormatException text) {
                cells.add(cell);
            }
        }
        return cells;
    }

    /** {@code magic-steps score --explain}'s output for the sheet with {@code model}, by student id. */
    private static Map<String, Map<String, String>> scoreCsv(Path sheet, String model, double threshold)
            throws IOException {
        Path out = dir.resolve("score-" + model + ".csv");
        CliRun run = CliRun.of("score", "--input", sheet.toString(), "--output", out.toString(), "--on-error", "skip",
                "--threshold", Double.toString(threshold), "--model", model, "--explain");
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Map<String, String>> byId = new java.util.LinkedHashMap<>();
        csv(Files.readString(out)).forEach(row -> byId.put(row.get("student_id"), row));
        return byId;
    }

    /** The non-empty reasons score --explain wrote for a student, in order. */
    private static List<String> reasons(Map<String, String> scored) {
        return java.util.stream.Stream.of("reason_1", "reason_2", "reason_3").map(scored::get)
                .filter(reason -> !reason.isEmpty()).toList();
    }

    /** The page's CSV has score --explain's reason columns, cell for cell (empty where score leaves them empty). */
    private static void assertCsvReasons(Map<String, Map<String, String>> scored, List<Map<String, String>> page) {
        for (Map<String, String> row : page) {
            Map<String, String> expected = scored.get(row.get("student_id"));
            for (String column : List.of("reason_1", "reason_2", "reason_3", "probability", "model_version")) {
                assertEquals(expected.get(column), row.get(column), column + " of " + row.get("student_id"));
            }
        }
    }

    private static List<Map<String, String>> csv(String text) throws IOException {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(text))) {
            return parser.getRecords().stream().map(org.apache.commons.csv.CSVRecord::toMap).toList();
        }
    }

    /** The table's rows as shown, each a list of its cells' text. */
    private static List<List<String>> shownRows() {
        return browser.all("#linhas-alunos tr").stream()
                .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }

    /** The student ids of the table's rows, in order. */
    private static List<String> shownIds() {
        return shownRows().stream().map(cells -> cells.get(0)).toList();
    }

    private static void signIn(String username, String password) {
        browser.open(base + "/");
        browser.awaitVisible("#usuario").sendKeys(username);
        browser.find("#senha").sendKeys(password, Keys.ENTER);
        browser.awaitText("#quem", username);
    }

    /** A share as the page writes it in Portuguese: 85,7%. */
    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f", share * 100).replace('.', ',') + "%";
    }

    /** A probability or threshold as the page writes it: 0,457. */
    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value).replace('.', ',');
    }

    private static Map<String, Object> student() {
        return Map.ofEntries(Map.entry("fase", 3), Map.entry("idade", 12), Map.entry("ano_ingresso", 2020),
                Map.entry("score_inde", 7.1), Map.entry("score_iaa", 8.3), Map.entry("score_ieg", 7.9),
                Map.entry("score_ips", 6.9), Map.entry("score_ida", 6.2), Map.entry("score_ipv", 8.6),
                Map.entry("score_ian", 10), Map.entry("nota_cg", 350), Map.entry("nota_cf", 70),
                Map.entry("nota_ct", 10), Map.entry("num_avaliacoes", 4), Map.entry("defasagem", -1),
                Map.entry("turma", "B"), Map.entry("genero", "Menina"), Map.entry("pedra_modal", "Ametista"));
    }

    private static String token(String username, String password) throws IOException, InterruptedException {
        return ServerCalls.token(server, username, password);
    }

    private static JsonNode api(String method, String path, String json, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json, token);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String json, String token)
            throws IOException, InterruptedException {
        return ServerCalls.send(server, method, path, json, token);
    }

    private static Path buildDirectory() {
        String configured = System.getProperty("magicsteps.buildDirectory");
        return configured == null ? Path.of("target") : Path.of(configured);
    }
}
