package org.magicsteps.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The API of one server, over its socket, as a client script uses it. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A valid student of the bundled model, whose probability follows {@code inde}. */
    static String student(double inde) {
        return """
                {"fase": 3, "idade": 12, "ano_ingresso": 2020, "score_inde": %s, "score_iaa": 8.3,
                 "score_ieg": 7.9, "score_ips": 6.9, "score_ida": 6.2, "score_ipv": 7.3, "score_ian": 10,
                 "nota_cg": 350, "nota_cf": 70, "nota_ct": 10, "num_avaliacoes": 4, "defasagem": -1,
                 "turma": "B", "genero": "Menina", "pedra_modal": "Ametista"}""".formatted(inde);
    }

    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final int port;

    Api(int port) {
        this.port = port;
    }

    int port() {
        return port;
    }

    Answer register(String username, String password) {
        return post("/register", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}", null);
    }

    /** A token for the user, or an AssertionError saying why not. */
    String token(String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Answer a = send(HttpRequest.newBuilder(uri("/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (a.status() != 200) {
            throw new AssertionError("no token for " + username + ": " + a);
        }
        return a.json().get("access_token").asText();
    }

    Answer predict(String token, String studentId, double inde) {
        return post("/predict", "{\"student_id\":\"" + studentId + "\",\"features\":" + student(inde) + "}", token);
    }

    Answer predictStored(String token, String studentId) {
        return post("/students/" + studentId + "/prediction", "", token);
    }

    Answer get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    Answer put(String path, String json, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer post(String path, String json, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** Every prediction id in the log that {@code token} may read, page by page (the X-Next-Cursor header). */
    List<String> loggedPredictionIds(String token) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String path = "/monitor/logs?limit=5000" + (cursor == null ? "" : "&cursor=" + cursor);
            HttpResponse<String> r = raw(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token)
                    .GET());
            if (r.statusCode() != 200) {
                throw new AssertionError("the log cannot be read: " + r.statusCode() + " " + r.body());
            }
            try {
                JSON.readTree(r.body()).forEach(record -> ids.add(record.get("prediction_id").asText()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            cursor = r.headers().firstValue("X-Next-Cursor").orElse(null);
        } while (cursor != null);
        return ids;
    }

    /** The ids that appear more than once. */
    static Set<String> repeated(List<String> ids) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new HashSet<>();
        ids.forEach(id -> {
            if (!seen.add(id)) {
                twice.add(id);
            }
        });
        return twice;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Answer send(HttpRequest.Builder builder) {
        HttpResponse<String> r = raw(builder);
        return new Answer(r.statusCode(), r.body());
    }

    private static HttpResponse<String> raw(HttpRequest.Builder builder) {
        try {
            return CLIENT.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
