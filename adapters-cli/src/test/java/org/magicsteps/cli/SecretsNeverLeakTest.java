package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.magicsteps.core.domain.User;
import org.magicsteps.sqlite.SqliteStores;

/**
 * The real {@code magic-steps} in processes of its own, with its production logging, through a
 * whole flow: an admin added on the command line, a registration, logins right and wrong (one with
 * a password typed into the username field), predictions, admin actions, a Redis whose password
 * is in {@code REDIS_URL} but which is away (so its failures are logged). Then every byte the
 * processes wrote, and every answer but the token's own, is searched for each password, each
 * stored hash (and its salt and digest alone), each token (and its signature alone), the signing
 * secret, the metrics token and the Redis password. None may appear.
 */
class SecretsNeverLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET_KEY = "leak-test-signing-secret-7Hq2pX9vLm4Rt8Wz3Ns6Kd1";
    private static final String METRICS_TOKEN = "leak-test-metrics-token-Vb5Qe";
    private static final String REDIS_PASSWORD = "leak-test-redis-password-Jy3Fo";
    private static final String ADMIN_PASSWORD = "leak-test-admin-pw-Zx81";
    private static final String USER_PASSWORD = "leak-test-user-pw-Cq72";
    private static final String WRONG_GUESS = "leak-test-wrong-guess-Mn45";

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final StringBuilder answers = new StringBuilder();
    private final List<String> tokens = new ArrayList<>();

    @Test
    void noPasswordHashTokenOrSecretInTheLogsOrTheAnswers() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATA_DIR", dir.resolve("data").toString());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("SECRET_KEY", SECRET_KEY);
        env.put("METRICS_TOKEN", METRICS_TOKEN);
        env.put("REDIS_URL", "redis://:" + REDIS_PASSWORD + "@127.0.0.1:" + closedPort() + "/0");
        env.put("LOGIN_ATTEMPTS_PER_USER", "100");

        Path usersLog = dir.resolve("users-add.log");
        Process add = start(env, usersLog, "users", "add", "chefe", "--admin", "--password-stdin");
        try (OutputStream in = add.getOutputStream()) {
            in.write((ADMIN_PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(add.waitFor(120, TimeUnit.SECONDS), "users add finished");
        assertEquals(0, add.exitValue(), Files.readString(usersLog));

        Path serverLog = dir.resolve("serve.log");
        Process serve = start(env, serverLog, "serve");
        try {
            int port = awaitBanner(serve, serverLog);
            flow(port);
        } finally {
            serve.destroy();
            serve.waitFor(30, TimeUnit.SECONDS);
            serve.destroyForcibly();
        }

        String logs = Files.readString(usersLog) + Files.readString(serverLog);
        assertTrue(logs.contains("shared login allowances are unreachable"),
                "the logs were captured, Redis's failures included:\n" + logs);
        Map<String, String> secrets = secrets();
        assertTrue(secrets.size() >= 14, secrets.keySet().toString());
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            assertFalse(logs.contains(secret.getValue()), secret.getKey() + " appears in the logs:\n" + logs);
            assertFalse(answers.toString().contains(secret.getValue()), secret.getKey() + " appears in an answer");
        }
    }

    private void flow(int port) throws Exception {
        String base = "http://127.0.0.1:" + port;
        expect(201, post(base + "/register", body("{\"username\":\"maria\",\"password\":\"" + USER_PASSWORD + "\"}"),
                null));
        expect(422, post(base + "/register", body("{\"username\":\"fraca\",\"password\":\"" + "short" + "\"}"), null));
        String admin = token(base, "chefe", ADMIN_PASSWORD);
        String user = token(base, "maria", USER_PASSWORD);
        expect(401, post(base + "/token", body(form("maria", WRONG_GUESS)), null));
        expect(401, post(base + "/token", body(form(ADMIN_PASSWORD, "chefe")), null)); // password typed as the username
        String student = "{\"student_id\":\"RA-1\",\"features\":{\"fase\":3,\"idade\":12,\"ano_ingresso\":2020,"
                + "\"score_inde\":7.1,\"score_iaa\":8.3,\"score_ieg\":7.9,\"score_ips\":6.9,\"score_ida\":6.2,"
                + "\"score_ipv\":8.6,\"score_ian\":10,\"nota_cg\":350,\"nota_cf\":70,\"nota_ct\":10,"
                + "\"num_avaliacoes\":4,\"defasagem\":-1,\"turma\":\"B\",\"genero\":\"Menina\","
                + "\"pedra_modal\":\"Ametista\"}}";
        expect(200, post(base + "/predict", body(student), user));
        expect(200, post(base + "/predict/batch", body("{\"students\":[" + student + "," + student + "]}"), user));
        expect(503, post(base + "/predict/batch", body("{\"student_ids\":[\"RA-1\"]}"), user)); // Redis is away
        expect(422, post(base + "/predict", body("{\"features\":{\"fase\":99}}"), user));
        expect(403, put(base + "/thresholds", body("{\"threshold\":0.3}"), user));
        expect(200, put(base + "/thresholds", body("{\"threshold\":0.35}"), admin));
        expect(200, get(base + "/monitor/logs", admin));
        expect(201, post(base + "/register", body("{\"username\":\"joana\",\"password\":\"" + USER_PASSWORD + "x\"}"),
                admin));
        expect(401, get(base + "/info", user + "tampered"));
        expect(200, get(base + "/health", null));
        expect(200, get(base + "/metrics", METRICS_TOKEN));
        expect(401, get(base + "/metrics", null));
        expect(200, get(base + "/openapi.json", null));
    }

    /** Every secret of the flow, by what it is. */
    private Map<String, String> secrets() {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("the signing secret", SECRET_KEY);
        secrets.put("the metrics token", METRICS_TOKEN);
        secrets.put("the Redis password", REDIS_PASSWORD);
        secrets.put("the admin's password", ADMIN_PASSWORD);
        secrets.put("the user's password", USER_PASSWORD);
        secrets.put("a wrong guess", WRONG_GUESS);
        for (int i = 0; i < tokens.size(); i++) {
            secrets.put("token " + i, tokens.get(i));
            secrets.put("token " + i + "'s signature", tokens.get(i).substring(tokens.get(i).lastIndexOf('.') + 1));
        }
        try (SqliteStores stores = SqliteStores.open(dir.resolve("data").resolve(SqliteStores.DEFAULT_FILE_NAME))) {
            for (User u : stores.users().list()) {
                String encoded = u.passwordHash().encoded();
                secrets.put(u.username() + "'s hash", encoded);
                String[] parts = encoded.split("\\$"); // "", algorithm, iterations, salt, digest
                secrets.put(u.username() + "'s salt", parts[parts.length - 2]);
                secrets.put(u.username() + "'s digest", parts[parts.length - 1]);
            }
        }
        return secrets;
    }

    private String token(String base, String username, String password) throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(username, password))), false);
        expect(200, r);
        String token = JSON.readTree(r.body()).get("access_token").asText();
        tokens.add(token);
        return token;
    }

    private static String form(String username, String password) {
        return "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    private static HttpRequest.BodyPublisher body(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    private HttpResponse<String> post(String url, HttpRequest.BodyPublisher body, String token) throws Exception {
        boolean isForm = url.endsWith("/token");
        return send(withToken(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Content-Type", isForm ? "application/x-www-form-urlencoded" : "application/json").POST(body), true);
    }

    private HttpResponse<String> put(String url, HttpRequest.BodyPublisher body, String token) throws Exception {
        return send(withToken(HttpRequest.newBuilder(URI.create(url)), token)
                .header("Content-Type", "application/json").PUT(body), true);
    }

    private HttpResponse<String> get(String url, String token) throws Exception {
        return send(withToken(HttpRequest.newBuilder(URI.create(url)), token).GET(), true);
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    /** Sends, and keeps the answer (status, headers, body) for the search, unless it is a token's own. */
    private HttpResponse<String> send(HttpRequest.Builder request, boolean keep) throws Exception {
        HttpResponse<String> r = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (keep) {
            answers.append(r.statusCode()).append(' ').append(r.headers().map()).append('\n').append(r.body()).append('\n');
        }
        return r;
    }

    private static void expect(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.request().method() + " " + r.uri() + ": " + r.body());
    }

    private Process start(Map<String, String> env, Path output, String... args) throws IOException {
        // The server's own logging configuration, whatever logback-test.xml the test class path carries.
        Path logback = Path.of(System.getProperty("magicsteps.repoRoot"), "adapters-cli", "src", "main", "resources",
                "logback.xml");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), MagicSteps.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("REDIS_") || k.startsWith("MONGO_")
                || k.equals("SECRET_KEY") || k.equals("METRICS_TOKEN"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The port from the banner, once it is printed. */
    private static int awaitBanner(Process serve, Path output) throws Exception {
        Pattern serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = serving.matcher(Files.readString(output));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!serve.isAlive()) {
                break;
            }
            serve.waitFor(50, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no banner:\n" + Files.readString(output));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
