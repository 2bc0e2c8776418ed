package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.magicsteps.cli.ServerCalls.send;
import static org.magicsteps.cli.ServerCalls.token;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.usecase.RegisterUser;
import org.magicsteps.http.MagicStepsServer;
import org.magicsteps.http.TokenSecret;

/**
 * {@code GET /thresholds/history} through the whole server as {@link Wiring} builds it, over a real
 * socket, on each persistent settings store: the embedded SQLite file and MongoDB (through the
 * real driver, against mongo-java-server). The trail survives a restart of the server. (Who may
 * read it, and every refusal, is ThresholdHistoryTest's, in adapters-http: it does not depend on
 * the store, and each password hashed here costs 600,000 PBKDF2 rounds.)
 */
class ThresholdHistoryOnStoresTest {

    private static final TokenSecret SECRET = TokenSecret.ofText("qK8vZ2xN5pL0wR7tY4uI1oP9aS3dF6gH");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MongoServer mongo;
    private static String mongoUri;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoServer(new MemoryBackend());
        mongoUri = mongo.bindAndGetConnectionString();
    }

    @AfterAll
    static void stopMongo() {
        mongo.shutdownNow();
    }

    private AppConfig config(String store) {
        Map<String, String> environment = new HashMap<>(Map.of("HOST", "127.0.0.1", "PORT", "0"));
        if (store.equals("mongo")) {
            environment.put("MONGO_URI", mongoUri);
            environment.put("MONGO_DB", "history_" + System.nanoTime());
        }
        return AppConfig.resolve(Map.of(), environment, Map.of()).withDataDir(dir.resolve("data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "mongo"})
    void anAdminReadsTheTrailOfChangesNewestFirstAndItSurvivesARestart(String store) throws Exception {
        AppConfig config = config(store);
        String admin;
        try (Wiring wiring = new Wiring(config, c -> CliTestModel.predictor())) {
            if (!wiring.components().get("settings").health().implementation().startsWith(store)) {
                throw new AssertionError("not on " + store + ": " + wiring.components().get("settings").health());
            }
            RegisterUser register = wiring.registerUser();
            register.executeAsOperator(new RegisterUser.Command("ana", "senha-da-ana".toCharArray(), null, Role.ADMIN));
            try (MagicStepsServer server = wiring.startServer(SECRET)) {
                admin = token(server, "ana", "senha-da-ana");
                for (String value : List.of("0.31", "0.32", "0.33")) {
                    assertEquals(200, send(server, "PUT", "/thresholds", "{\"threshold\": " + value + "}", admin)
                            .statusCode());
                }

                HttpResponse<String> two = send(server, "GET", "/thresholds/history?limit=2", null, admin);
                assertEquals(200, two.statusCode(), two.body());
                assertEquals(List.of(0.33, 0.32), thresholds(two));
                assertEquals("ana", JSON.readTree(two.body()).get(0).get("updated_by").asText());
                assertEquals("cli-1", JSON.readTree(two.body()).get(0).get("model_version").asText());
                HttpResponse<String> tooMany = send(server, "GET", "/thresholds/history?limit=1001", null, admin);
                assertEquals(422, tooMany.statusCode());
                assertEquals("[\"query\",\"limit\"]", JSON.readTree(tooMany.body()).get("detail").get(0).get("loc")
                        .toString());
            }
        }
        try (Wiring restarted = new Wiring(config, c -> CliTestModel.predictor());
                MagicStepsServer server = restarted.startServer(SECRET)) {
            HttpResponse<String> all = send(server, "GET", "/thresholds/history", null, admin);

            assertEquals(200, all.statusCode(), all.body());
            assertEquals(List.of(0.33, 0.32, 0.31), thresholds(all));
        }
    }

    private static List<Double> thresholds(HttpResponse<String> response) throws IOException {
        List<Double> values = new ArrayList<>();
        JSON.readTree(response.body()).forEach((JsonNode change) -> values.add(change.get("threshold").asDouble()));
        return values;
    }
}
