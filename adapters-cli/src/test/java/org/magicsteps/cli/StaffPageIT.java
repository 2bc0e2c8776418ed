package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        browser.awaitText("#modelo-dados", "default-");
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
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("access_token").asText();
    }

    private static JsonNode api(String method, String path, String json, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, path, json, token);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> send(String method, String path, String json, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path buildDirectory() {
        String configured = System.getProperty("magicsteps.buildDirectory");
        return configured == null ? Path.of("target") : Path.of(configured);
    }
}
