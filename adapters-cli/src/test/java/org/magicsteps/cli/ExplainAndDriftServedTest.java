package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations and drift as {@code serve} serves them, with the bundled models and the SQLite log:
 * each explanation adds up to the log-odds of the probability answered with it, and the drift of
 * what was just logged is reported against the model's training histograms.
 */
class ExplainAndDriftServedTest {

    private static final String STUDENT = """
            {"student_id": "RA-1", "features": {"fase": 3, "idade": 12, "ano_ingresso": 2020, "score_inde": 7.1,
             "score_iaa": 8.3, "score_ieg": 7.9, "score_ips": 6.9, "score_ida": 6.2, "score_ipv": %s,
             "score_ian": 10, "nota_cg": 350, "nota_cf": 70, "nota_ct": 10, "num_avaliacoes": 4, "defasagem": -1,
             "turma": "B", "genero": "Menina", "pedra_modal": "Ametista"}}""";

    @TempDir
    static Path dir;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        server = new RunningServer(dir.resolve("data"), Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyBundledModelExplainsWhatItAnswers() {
        for (String model : new String[] {"default", "early-warning", "early-warning-strict"}) {
            for (String ipv : new String[] {"8.6", "6.1"}) {
                RunningServer.Response r = server.post("/predict?explain=true&model=" + model, STUDENT.formatted(ipv),
                        server.user);
                assertEquals(200, r.status(), r.body());
                JsonNode answer = r.json();
                JsonNode explanation = answer.get("explanation");
                double sum = explanation.get("base_value").asDouble();
                for (JsonNode c : explanation.get("contributions")) {
                    sum += c.get("contribution").asDouble();
                    assertTrue(c.get("reason").asText().matches(".+: (aumenta|reduz|quase não muda) a chance"),
                            c.toString());
                }
                double p = 1 / (1 + Math.exp(-sum));
                assertEquals(answer.get("probability").asDouble(), p, 1e-6, model + " IPV " + ipv);
            }
        }
        assertFalse(server.post("/predict", STUDENT.formatted("8.6"), server.user).json().has("explanation"));
    }

    @Test
    void theLogsFeaturesAreComparedWithTheTrainingData() {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, server.post("/predict", STUDENT.formatted("9.5"), server.user).status());
        }
        assertEquals(403, server.get("/monitor/drift", server.user).status());
        RunningServer.Response r = server.get("/monitor/drift", server.admin);
        assertEquals(200, r.status(), r.body());
        JsonNode report = r.json();
        assertTrue(report.get("rows").asLong() >= 5);
        assertEquals("default", report.get("model").asText());
        boolean ipvSeen = false;
        for (JsonNode f : report.get("features")) {
            if (f.get("feature").asText().equals("score_ipv")) {
                ipvSeen = true;
                assertTrue(f.get("psi").asDouble() > 0.25, "every IPV logged lies in one bin: " + f);
                assertEquals("major", f.get("level").asText());
            }
        }
        assertTrue(ipvSeen);
        assertTrue(server.get("/metrics", null).body().contains("feature_drift_psi{feature=\"score_ipv\"}"));
    }
}
