package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The original README's flow, as its clients run it: POST /register, POST /token (form-encoded),
 * then /predict and /predict/batch with the bearer token, then /monitor/logs.
 */
class OriginalFlowTest {

    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void registerTokenPredictBatchLogs() {
        TestServer.Response registered = server.postJson("/register",
                "{\"username\": \"maria\", \"password\": \"senha123\", \"full_name\": \"Maria Silva\"}", null);
        assertEquals(201, registered.status(), registered.body());
        assertEquals("user created", registered.json().get("msg").asText());

        TestServer.Response login = server.postForm("/token", Map.of("username", "maria", "password", "senha123"));
        assertEquals(200, login.status(), login.body());
        assertEquals("bearer", login.json().get("token_type").asText());
        assertEquals(1800, login.json().get("expires_in").asLong());
        String token = login.json().get("access_token").asText();

        TestServer.Response predicted = server.postJson("/predict",
                "{\"student_id\": \"RA-1\", \"features\": " + TestModel.studentJson(8.5) + "}", token);
        assertEquals(200, predicted.status(), predicted.body());
        JsonNode p = predicted.json();
        assertEquals("RA-1", p.get("student_id").asText());
        assertEquals(0.85, p.get("probability").asDouble(), 1e-9);
        assertEquals(1, p.get("prediction").asInt());
        assertEquals("alta", p.get("confidence").asText());
        assertFalse(p.get("prediction_id").asText().isBlank());
        assertFalse(p.get("timestamp").asText().isBlank());
        assertEquals(0.5, p.get("threshold").asDouble());
        assertEquals(TestModel.VERSION, p.get("model_version").asText());

        TestServer.Response batch = server.postJson("/predict/batch", "{\"students\": ["
                + "{\"student_id\": \"RA-2\", \"features\": " + TestModel.studentJson(2.0) + "},"
                + "{\"features\": " + TestModel.studentJson(6.0) + "}]}", token);
        assertEquals(200, batch.status(), batch.body());
        JsonNode b = batch.json();
        assertEquals(2, b.get("total").asInt());
        assertEquals(0, b.get("predictions").get(0).get("prediction").asInt());
        assertEquals("alta", b.get("predictions").get(0).get("confidence").asText());
        assertTrue(b.get("predictions").get(1).get("student_id").isNull());
        assertEquals("baixa", b.get("predictions").get(1).get("confidence").asText());
        assertFalse(b.get("timestamp").asText().isBlank());

        TestServer.Response logs = server.get("/monitor/logs", token);
        assertEquals(200, logs.status(), logs.body());
        JsonNode records = logs.json();
        assertTrue(records.isArray());
        assertEquals(3, records.size());
        for (JsonNode record : records) {
            assertEquals("maria", record.get("user").asText());
            assertTrue(record.get("features").has("score_inde"));
            assertTrue(record.get("features").get("fase").isIntegralNumber(), "whole numbers come back as sent");
            assertEquals(8.3, record.get("features").get("score_iaa").asDouble());
        }
        assertTrue(records.findValuesAsText("prediction_id").contains(p.get("prediction_id").asText()));
    }
}
