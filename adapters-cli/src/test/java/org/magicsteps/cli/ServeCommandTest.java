package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code magic-steps serve} with a stand-in model: it answers, says what it runs on, and stops. */
class ServeCommandTest {

    @Test
    void servesAndPrintsOneClearBannerWithoutTheSecret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "ACCESS_TOKEN_EXPIRE_MINUTES=45\n");
        MagicSteps root = new MagicSteps(Map.of("DATA_DIR", dir.resolve("data").toString(), "HOST", "127.0.0.1"),
                dir, config -> new Wiring(config, c -> CliTestModel.predictor()), new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root);
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        AtomicInteger exit = new AtomicInteger(-1);
        // Port 0: the server takes whatever port the system gives it, and the banner says which.
        Thread serving = new Thread(() -> exit.set(cli.execute("serve", "--port", "0")));
        serving.start();
        int port;
        try {
            port = awaitBannerPort(out);
            HttpResponse<String> health = awaitHealth(port);
            assertEquals(200, health.statusCode());
            assertTrue(health.body().contains("\"model_version\":\"cli-1\""), health.body());
        } finally {
            serving.interrupt();
            serving.join(10_000);
        }
        assertEquals(0, exit.get());
        String banner = out.toString();
        assertTrue(banner.contains("serving on http://127.0.0.1:" + port), banner);
        assertTrue(banner.contains("(listening on 127.0.0.1:" + port + ";"), banner);
        assertTrue(banner.contains("cli-test-model cli-1"), banner);
        String store = "sqlite:" + dir.resolve("data").resolve("magic-steps.db").toAbsolutePath() + ", persistent, up";
        assertTrue(banner.contains("users           " + store), banner);
        assertTrue(banner.contains("prediction log  " + store), banner);
        assertTrue(banner.contains("settings        " + store), banner);
        assertTrue(banner.contains("feature store   in-memory, NOT persistent (lost on restart), up"), banner);
        assertTrue(banner.contains("note            feature store in memory: emptied when the server stops"), banner);
        assertTrue(banner.contains("secret          generated and stored in"), banner);
        assertTrue(banner.contains("tokens valid 45 min"), banner);
        String secret = Files.readString(dir.resolve("data").resolve(SecretKeys.FILE_NAME)).trim();
        assertFalse(banner.contains(secret), "never the secret");
    }

    @Test
    void aWeakSecretStopsTheStartWithExitCode2() {
        MagicSteps root = new MagicSteps(Map.of("SECRET_KEY", "change_me"), Path.of("."),
                config -> new Wiring(config, c -> CliTestModel.predictor()), new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("serve", "--port", "0"));
        assertTrue(err.toString().contains("SECRET_KEY is a well-known placeholder"), err.toString());
    }

    @Test
    void anUnknownModelStopsTheStartNamingTheModelsCarried(@TempDir Path dir) {
        MagicSteps root = new MagicSteps(Map.of("DATA_DIR", dir.toString()), dir, Wiring::new,
                new ByteArrayInputStream(new byte[0]));
        CommandLine cli = MagicSteps.commandLine(root);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("serve", "--port", "0", "--model", "early-warnin"));
        assertTrue(err.toString().startsWith("error: --model: 'early-warnin' is neither a bundle directory nor a model "
                + "this jar carries (default, early-warning, early-warning-strict)"), err.toString());
    }

    /** The port the banner says the server listens on, once it is printed. */
    private static int awaitBannerPort(StringWriter out) throws InterruptedException {
        Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) ");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Matcher banner = serving.matcher(out.toString());
            if (banner.find()) {
                int port = Integer.parseInt(banner.group(1));
                assertNotEquals(0, port, "the port bound, not the one asked for");
                return port;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no banner within 20 s: " + out);
            }
            Thread.sleep(20);
        }
    }

    private static HttpResponse<String> awaitHealth(int port) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the server did not answer", notYet);
                }
                Thread.sleep(50);
            }
        }
    }
}
