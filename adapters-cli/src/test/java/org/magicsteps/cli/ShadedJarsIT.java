package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two runnable jars as users run them, after {@code package}: the server jar serves and scores
 * without the training module, the full jar also trains and evaluates, and both stay small.
 */
class ShadedJarsIT {

    /** The size the jars must stay within (README "Jar size"). */
    private static final long MAX_JAR_BYTES = 60L * 1024 * 1024;

    private static final Path TARGET = Path.of(System.getProperty("magicsteps.buildDirectory", "target"));
    private static final Path SERVER_JAR = TARGET.resolve("magic-steps-server.jar");
    private static final Path FULL_JAR = TARGET.resolve("magic-steps.jar");

    /** What the server jar must not carry: the training module, Tribuo and its libraries, the charts. */
    private static final List<String> TRAINING_ENTRIES = List.of("org/tribuo/", "org/jfree/", "com/oracle/labs/",
            "org/magicsteps/model/training/", "org/magicsteps/model/report/", "org/magicsteps/cli/training/");

    record Run(int exit, String out) {
    }

    @Test
    void bothJarsStayWithinTheSizeAndOnlyTheFullOneCarriesTraining() throws IOException {
        assertTrue(Files.size(SERVER_JAR) <= MAX_JAR_BYTES, SERVER_JAR + " is " + Files.size(SERVER_JAR) + " bytes");
        assertTrue(Files.size(FULL_JAR) <= MAX_JAR_BYTES, FULL_JAR + " is " + Files.size(FULL_JAR) + " bytes");
        List<String> server = entries(SERVER_JAR);
        List<String> full = entries(FULL_JAR);
        for (String prefix : TRAINING_ENTRIES) {
            assertFalse(server.stream().anyMatch(e -> e.startsWith(prefix)), "the server jar carries " + prefix);
            assertTrue(full.stream().anyMatch(e -> e.startsWith(prefix)), "the full jar lacks " + prefix);
        }
        for (List<String> jar : List.of(server, full)) {
            assertFalse(jar.stream().anyMatch(e -> e.endsWith(".pdb") || e.contains(".dSYM/")), "debug symbols");
            for (String platform : List.of("linux-x64", "linux-aarch64", "osx-aarch64", "win-x64")) {
                assertTrue(jar.stream().anyMatch(e -> e.startsWith("ai/onnxruntime/native/" + platform + "/")), platform);
            }
            for (String platform : List.of("Linux/x86_64", "Linux/aarch64", "Mac/aarch64", "Windows/x86_64")) {
                assertTrue(jar.stream().anyMatch(e -> e.startsWith("org/sqlite/native/" + platform + "/")), platform);
            }
        }
    }

    @Test
    void theServerJarListsOnlyRuntimeCommandsAndTheFullJarAddsTraining(@TempDir Path dir) throws Exception {
        Run server = run(dir, SERVER_JAR, "--help");
        assertEquals(0, server.exit(), server.out());
        for (String command : List.of("serve", "score", "users", "model", "features")) {
            assertTrue(server.out().contains("  " + command + " "), server.out());
        }
        assertFalse(server.out().contains("  train "), server.out());
        Run train = run(dir, SERVER_JAR, "train", "--data", "pede.csv");
        assertEquals(2, train.exit(), train.out());
        assertTrue(train.out().contains("Unmatched argument") && train.out().contains("'train'"), train.out());

        Run full = run(dir, FULL_JAR, "--help");
        assertEquals(0, full.exit(), full.out());
        assertTrue(full.out().contains("  train ") && full.out().contains("  evaluate ") && full.out().contains("  serve "),
                full.out());
    }

    @Test
    void theServerJarServesTheBundledModelAndScoresASheet(@TempDir Path dir) throws Exception {
        Path sheet = LabelledSheets.write(dir.resolve("pede.csv"), 20, 11, false);
        Run score = run(dir, SERVER_JAR, "score", "--input", sheet.toString(), "--output",
                dir.resolve("scores.csv").toString());
        assertEquals(0, score.exit(), score.out());
        List<String> lines = Files.readAllLines(dir.resolve("scores.csv"));
        assertEquals(21, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).startsWith("student_id,probability,prediction"), lines.get(0));

        Process serving = start(dir, SERVER_JAR, "serve", "--port", "0", "--host", "127.0.0.1", "--data-dir",
                dir.resolve("data").toString());
        try {
            int port = boundPort(serving);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"model_loaded\":true"), health.body());
            HttpResponse<String> openApi = get(port, "/openapi.json");
            assertEquals(200, openApi.statusCode(), openApi.body());
            assertTrue(openApi.body().contains("\"/predict/batch\""), openApi.body());
            HttpResponse<String> docs = get(port, "/docs");
            assertEquals(200, docs.statusCode(), docs.body());
            assertTrue(docs.body().contains("swagger-ui-bundle.js"), docs.body());
            HttpResponse<String> page = get(port, "/");
            assertEquals(200, page.statusCode(), page.body());
            Matcher chartLibrary = Pattern.compile("src=\"(/webjars/chart\\.js/[^\"]+/chart\\.umd\\.min\\.js)\"")
                    .matcher(page.body());
            assertTrue(chartLibrary.find(), "the staff page loads the chart library: " + page.body());
            assertEquals(200, get(port, chartLibrary.group(1)).statusCode(), "the jar carries " + chartLibrary.group(1));
            assertEquals(200, get(port, "/assets/app.js").statusCode());
        } finally {
            serving.destroy();
            assertTrue(serving.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
        }
    }

    @Test
    void theFullJarTrainsAndEvaluatesABundle(@TempDir Path dir) throws Exception {
        Path data = LabelledSheets.write(dir.resolve("pede.csv"), 160, 3, true);
        Run train = run(dir, FULL_JAR, "train", "--data", data.toString(), "--out", dir.resolve("bundle").toString(),
                "--exclude", "score_ipv", "--name", "ew", "--seed", "5");
        assertEquals(0, train.exit(), train.out());
        assertTrue(Files.exists(dir.resolve("bundle").resolve("manifest.json")), train.out());
        assertTrue(Files.exists(dir.resolve("bundle").resolve("report.html")), train.out());
        Run evaluate = run(dir, FULL_JAR, "evaluate", "--model", dir.resolve("bundle").toString(), "--data",
                data.toString());
        assertEquals(0, evaluate.exit(), evaluate.out());
        assertTrue(evaluate.out().contains("ROC-AUC"), evaluate.out());
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> entries(Path jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        return names;
    }

    private static Process start(Path dir, Path jar, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static Run run(Path dir, Path jar, String... args) throws Exception {
        Process process = start(dir, jar, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the command ends");
        return new Run(process.exitValue(), out);
    }

    /** Reads the banner until it says where the server listens; port 0 lets the OS choose. */
    private static int boundPort(Process serving) throws IOException {
        Pattern listening = Pattern.compile("listening on [^:]+:(\\d+)");
        BufferedReader lines = new BufferedReader(new InputStreamReader(serving.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = listening.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new AssertionError("the server stopped before it listened:\n" + seen);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
