package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;

/** {@code ?model=NAME} on the original routes, and {@code GET /models}, with a second model served beside the default. */
class ModelChoiceRoutesTest {

    static final String SECOND_VERSION = "second-1";

    /** A second model: without score_ipv, p = score_iaa / 10, its own threshold 0.3. */
    static FunctionPredictor secondModel(String version) {
        FeatureSchema schema = new FeatureSchema(TestModel.SCHEMA.features().stream()
                .filter(f -> !f.name().equals("score_ipv")).toList());
        return new FunctionPredictor(new ModelInfo("magic-steps-second", version, "FunctionPredictor", 17, 0,
                new Threshold(0.3), Instant.parse("2025-01-01T00:00:00Z"), Map.of("roc_auc", 0.8)), schema,
                s -> s.number("score_iaa").orElseThrow() / 10.0);
    }

    private static TestServer server;
    private static String user;
    private static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer();
        server.models.serve("second", "test", server.metrics.timing(secondModel(SECOND_VERSION)));
        user = server.userToken("mara");
        admin = server.adminToken("chefe");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String withoutIpv(double scoreInde) {
        return TestModel.studentJson(scoreInde).replace("\"score_ipv\": 7.3, ", "");
    }

    @Test
    void predictWithTheModelNamedItsRuleThresholdAndVersionAndTheLogSaysWhich() {
        TestServer.Response r = server.postJson("/predict?model=second",
                "{\"student_id\": \"RA-77\", \"features\": " + withoutIpv(2) + "}", user);

        assertEquals(200, r.status(), r.body());
        assertEquals(0.83, r.json().get("probability").asDouble(), 1e-9, "score_iaa / 10");
        assertEquals(0.3, r.json().get("threshold").asDouble());
        assertEquals(SECOND_VERSION, r.json().get("model_version").asText());
        PredictionRecord logged = server.memoryLog.query(LogQuery.all().forStudent("RA-77")).records().get(0);
        assertEquals(SECOND_VERSION, logged.prediction().modelVersion());

        TestServer.Response byDefault = server.postJson("/predict",
                "{\"student_id\": \"RA-77\", \"features\": " + TestModel.studentJson(2) + "}", user);
        assertEquals(TestModel.VERSION, byDefault.json().get("model_version").asText(), "no ?model=: the default");
        assertEquals(0.2, byDefault.json().get("probability").asDouble(), 1e-9);

        // Since issue 9 a feature the model does not take is ignored, and named in the answer's warnings.
        TestServer.Response ignored = server.postJson("/predict?model=second",
                "{\"features\": " + TestModel.studentJson(2) + "}", user);
        assertEquals(200, ignored.status(), "the second model does not take score_ipv: " + ignored.body());
        assertEquals(SECOND_VERSION, ignored.json().get("model_version").asText());
        assertEquals("score_ipv: is not a feature of this model; ignored",
                ignored.json().get("warnings").get(0).get("message").asText(), ignored.body());
    }

    @Test
    void batchStoredStudentAndProcessingTakeTheModelToo() {
        TestServer.Response batch = server.postJson("/predict/batch?model=second",
                "{\"students\": [{\"features\": " + withoutIpv(1) + "}, {\"features\": " + withoutIpv(9) + "}]}", user);
        assertEquals(200, batch.status(), batch.body());
        for (JsonNode p : batch.json().get("predictions")) {
            assertEquals(SECOND_VERSION, p.get("model_version").asText());
            assertEquals(0.83, p.get("probability").asDouble(), 1e-9);
        }

        server.features.put("RA-88", new StudentFeatures(readJson(withoutIpv(4))));
        TestServer.Response fromStore = server.postJson("/students/RA-88/prediction?model=second", "", user);
        assertEquals(200, fromStore.status(), fromStore.body());
        assertEquals(SECOND_VERSION, fromStore.json().get("model_version").asText());

        TestServer.Response processed = server.postJson("/features/process?model=second",
                "{\"features\": " + withoutIpv(4) + "}", user);
        assertEquals(200, processed.status(), processed.body());
        assertEquals(17, processed.json().get("model_input").size());
    }

    @Test
    void infoFeaturesAndThresholdsDescribeTheModelNamed() {
        JsonNode info = server.get("/info?model=second", user).json();
        assertEquals("magic-steps-second", info.get("model_name").asText());
        assertEquals(SECOND_VERSION, info.get("model_version").asText());
        assertEquals(17, info.get("n_features").asInt());
        assertEquals(0.8, info.get("metrics").get("roc_auc").asDouble());

        JsonNode features = server.get("/features?model=second", null).json();
        assertEquals(17, features.size());
        assertFalse(features.toString().contains("score_ipv"));
    }

    @Test
    void eachModelKeepsItsOwnThreshold() {
        TestServer.Response set = server.putJson("/thresholds?model=second", "{\"threshold\": 0.6}", admin);
        assertEquals(200, set.status(), set.body());
        assertEquals(SECOND_VERSION, set.json().get("model_version").asText());

        assertEquals(0.6, server.get("/thresholds?model=second", user).json().get("threshold").asDouble());
        JsonNode defaults = server.get("/thresholds", user).json();
        assertEquals(TestModel.VERSION, defaults.get("model_version").asText(), "the default's is its own");
        assertEquals(0.5, defaults.get("threshold").asDouble());
        TestServer.Response p = server.postJson("/predict?model=second", "{\"features\": " + withoutIpv(2) + "}", user);
        assertEquals(0.6, p.json().get("threshold").asDouble());
        assertEquals(1, p.json().get("prediction").asInt(), "0.83 ≥ 0.6");

        assertEquals(403, server.putJson("/thresholds?model=second", "{\"threshold\": 0.1}", user).status());
        server.putJson("/thresholds?model=second", "{\"threshold\": 0.3}", admin);
    }

    @Test
    void anUnknownModelIsA404ThatListsTheServedOnesOnEveryRoute() {
        String body = "{\"features\": " + TestModel.studentJson(2) + "}";
        List<TestServer.Response> answers = List.of(
                server.postJson("/predict?model=nope", body, user),
                server.postJson("/predict/batch?model=nope", "{\"students\": [" + body + "]}", user),
                server.postJson("/students/RA-1/prediction?model=nope", "", user),
                server.postJson("/features/process?model=nope", body, user),
                server.get("/features?model=nope", null),
                server.get("/info?model=nope", user),
                server.get("/thresholds?model=nope", user),
                server.putJson("/thresholds?model=nope", "{\"threshold\": 0.4}", admin));
        for (TestServer.Response r : answers) {
            assertEquals(404, r.status(), r.body());
            assertEquals("no model 'nope' is served; the models served are default, second", r.detail());
        }
        TestServer.Response blank = server.get("/info?model=", user);
        assertEquals(422, blank.status(), blank.body());
        assertEquals("[\"query\",\"model\"]", blank.json().get("detail").get(0).get("loc").toString());
        assertEquals(422, server.get("/info?model=second&model=default", user).status());
    }

    @Test
    void modelsListsEveryModelServedTheDefaultFirst() {
        TestServer.Response r = server.get("/models", user);

        assertEquals(200, r.status(), r.body());
        JsonNode models = r.json();
        assertEquals(2, models.size());
        JsonNode first = models.get(0);
        assertEquals("default", first.get("name").asText());
        assertTrue(first.get("is_default").asBoolean());
        assertEquals(TestModel.VERSION, first.get("model_version").asText());
        assertEquals("FunctionPredictor", first.get("model_class").asText());
        assertEquals(18, first.get("features").size());
        assertEquals(0.9, first.get("metrics").get("auc").asDouble());
        JsonNode second = models.get(1);
        assertEquals("second", second.get("name").asText());
        assertFalse(second.get("is_default").asBoolean());
        assertEquals(0.3, second.get("threshold").asDouble(), "its threshold in force");
        assertEquals(401, server.get("/models", null).status());
    }

    @Test
    void metricsCountPredictionsByModelVersionAndNameTheModelsServed() {
        server.postJson("/predict?model=second", "{\"features\": " + withoutIpv(2) + "}", user);
        String text = server.get("/metrics", null).body();

        assertTrue(text.contains("model_predictions_total{model_version=\"" + SECOND_VERSION + "\",predicted_class=\"1\"}"),
                text);
        assertTrue(text.contains("served_model_info{model=\"second\",model_version=\"" + SECOND_VERSION + "\"} 1.0"), text);
        assertTrue(text.contains("served_model_info{model=\"default\",model_version=\"" + TestModel.VERSION + "\"} 1.0"),
                text);
        assertTrue(text.contains("model_version_inference_seconds_count{model_version=\"" + SECOND_VERSION + "\"}"), text);
    }

    @Test
    void theOpenApiDocumentListsTheModelParameterOnEveryRouteThatTakesIt() {
        JsonNode paths = server.get("/openapi.json", null).json().get("paths");
        ModelQuery.ROUTES.forEach((path, methods) -> methods.forEach(method -> {
            JsonNode operation = paths.get(path).get(method);
            assertTrue(operation.get("parameters").toString().contains("\"name\":\"model\""), path + " " + method);
            assertTrue(operation.get("responses").has("404"), path + " " + method);
        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readJson(String json) {
        try {
            return TestServer.JSON.readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
