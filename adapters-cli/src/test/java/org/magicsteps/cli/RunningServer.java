package org.magicsteps.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.TokenSecret;

/**
 * The real server as {@code serve} wires it (the bundled ONNX models, SQLite under a temporary data
 * directory) on a free loopback port, with an admin, a user and a client that speaks over the socket.
 */
final class RunningServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH-a-test-secret-long-enough";

    /** An answer: status and body. */
    record Response(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    final Wiring wiring;
    final MagicStepsServer server;
    final String admin;
    final String user;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RunningServer(Path dataDir, Map<String, String> environment) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        this.wiring = new Wiring(AppConfig.resolve(Map.of(), env, Map.of()).withDataDir(dataDir));
        this.server = wiring.startServer(TokenSecret.ofText(SECRET));
        wiring.registerUser().executeAsOperator(new RegisterUser.Command("chefe", "senha-do-admin".toCharArray(), null, Role.ADMIN));
        wiring.registerUser().executeAsOperator(new RegisterUser.Command("maria", "senha123".toCharArray(), null, Role.USER));
        this.admin = token("chefe", "senha-do-admin");
        this.user = token("maria", "senha123");
    }

    @Override
    public void close() {
        server.close();
        wiring.close();
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, String json, String token) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String token(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Response r = send(request("/token", null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (r.status() != 200) {
            throw new AssertionError("token failed: " + r);
        }
        return r.json().get("access_token").asText();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
