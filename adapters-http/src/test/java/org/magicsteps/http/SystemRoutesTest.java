package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.PortException;

/** /health, /metrics, and the answers for failures: 503 for a store, 500 for a bug, never a stack trace. */
class SystemRoutesTest {

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = new TestServer();
        token = server.userToken("sara");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthHasTheOriginalFieldsAndEachStore() {
        TestServer.Response r = server.get("/health", null);
        assertEquals(200, r.status());
        JsonNode health = r.json();
        assertEquals("ok", health.get("status").asText());
        assertTrue(health.get("model_loaded").asBoolean());
        assertTrue(health.get("preprocessor_loaded").asBoolean());
        assertEquals("cpu", health.get("device").asText());
        assertFalse(health.get("timestamp").asText().isBlank());
        assertEquals(TestModel.VERSION, health.get("model_version").asText());
        JsonNode users = health.get("stores").get("users");
        assertEquals("in-memory", users.get("implementation").asText());
        assertFalse(users.get("persistent").asBoolean());
        assertEquals("up", users.get("status").asText());
        assertEquals(4, health.get("stores").size());
        assertNotNull(r.header("X-Request-Id"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
    }

    @Test
    void healthIsDegradedWhenAStoreIsDown() {
        server.features.down = true;
        try {
            JsonNode health = server.get("/health", null).json();
            assertEquals("degraded", health.get("status").asText());
            assertEquals("down", health.get("stores").get("feature_store").get("status").asText());
        } finally {
            server.features.down = false;
        }
    }

    @Test
    void aFailingLogIs503WithoutInternalsAndIsCounted() {
        double before = metric("prediction_log_write_failures_total");
        server.log.down = true;
        TestServer.Response r;
        try {
            r = server.postJson("/predict", "{\"features\": " + TestModel.studentJson(5) + "}", token);
        } finally {
            server.log.down = false;
        }
        assertEquals(503, r.status());
        assertTrue(r.detail().startsWith("A backing service is unavailable"), r.body());
        assertFalse(r.body().contains("mongodb"), "no internals reach the client: " + r.body());
        assertFalse(r.body().contains("secret-host"));
        assertEquals(before + 1, metric("prediction_log_write_failures_total"));
    }

    @Test
    void aModelFailureIs503AndABugIs500WithACorrelationIdOnly() {
        server.model.failure.set(new PortException("onnxruntime: session died at 0x7f"));
        TestServer.Response unavailable;
        TestServer.Response bug;
        try {
            unavailable = server.postJson("/predict", "{\"features\": " + TestModel.studentJson(5) + "}", token);
            server.model.failure.set(new IllegalStateException("NullPointer somewhere deep"));
            bug = server.send(server.request("/predict", token).header("X-Request-Id", "trace-me-42")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                            "{\"features\": " + TestModel.studentJson(5) + "}")));
        } finally {
            server.model.failure.set(null);
        }
        assertEquals(503, unavailable.status());
        assertFalse(unavailable.body().contains("onnxruntime"));
        assertEquals(500, bug.status());
        assertEquals("Internal server error", bug.detail());
        assertEquals("trace-me-42", bug.json().get("correlation_id").asText());
        assertEquals("trace-me-42", bug.header("X-Request-Id"));
        assertFalse(bug.body().contains("NullPointer"));
        assertFalse(bug.body().contains("at org."));
    }

    @Test
    void metricsCountRequestsByRouteTemplatePredictionsAndInference() {
        server.postJson("/predict", "{\"features\": " + TestModel.studentJson(9) + "}", token);
        server.postJson("/predict", "{\"features\": " + TestModel.studentJson(1) + "}", token);
        server.postJson("/students/RA-404/prediction", "", token);
        server.get("/no/such/route", null);
        TestServer.Response r = server.get("/metrics", null);
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/plain"), r.header("Content-Type"));
        String text = r.body();
        assertTrue(metric(text, "http_requests_total{method=\"POST\",route=\"/predict\",status=\"200\"}") >= 2, text);
        assertEquals(1, metric(text,
                "http_requests_total{method=\"POST\",route=\"/students/{student_id}/prediction\",status=\"404\"}"));
        assertTrue(metric(text, "http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"}") >= 1);
        assertTrue(text.contains("http_request_duration_seconds_bucket{method=\"POST\",route=\"/predict\",status=\"200\",le=\"0.005\"}"), text);
        assertTrue(metric(text, "predictions_total{predicted_class=\"1\"}") >= 1);
        assertTrue(metric(text, "predictions_total{predicted_class=\"0\"}") >= 1);
        assertTrue(metric(text, "model_inference_seconds_count") >= 2);
        assertTrue(text.contains("prediction_log_write_failures_total"));
    }

    @Test
    void metricsShowEachStoresStateAndNumbers() {
        try (TestServer own = new TestServer()) {
            String token = own.userToken("sofia");
            own.postJson("/predict", "{\"features\": " + TestModel.studentJson(5) + "}", token);
            own.postJson("/predict", "{\"features\": " + TestModel.studentJson(6) + "}", token);
            String up = own.get("/metrics", null).body();
            assertEquals(1, metric(up, "store_up{store=\"feature_store\"}"), up);
            assertEquals(0, metric(up, "store_degraded{store=\"prediction_log\"}"), up);
            assertEquals(2, metric(up, "store_detail{detail=\"records\",store=\"prediction_log\"}"), up);

            own.features.down = true;
            String down = own.get("/metrics", null).body();
            assertEquals(0, metric(down, "store_up{store=\"feature_store\"}"), down);
            assertTrue(down.contains("store_up{store=\"feature_store\"} 0"), down);
        }
    }

    @Test
    void metricsCanRequireAToken() {
        String metricsToken = "scraper-token-0123456789";
        try (TestServer guarded = new TestServer(s -> s.withMetricsToken(metricsToken))) {
            TestServer.Response none = guarded.get("/metrics", null);
            assertEquals(401, none.status());
            assertEquals("Bearer", none.header("WWW-Authenticate"));
            assertEquals(401, guarded.get("/metrics", "wrong-token-0123456789").status());
            assertEquals(401, guarded.get("/metrics", guarded.userToken("ulla")).status(),
                    "a user's JWT is not the scraper's token");
            assertEquals(200, guarded.get("/metrics", metricsToken).status());
        }
    }

    private static double metric(String name) {
        return metric(server.get("/metrics", null).body(), name);
    }

    private static double metric(String text, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
