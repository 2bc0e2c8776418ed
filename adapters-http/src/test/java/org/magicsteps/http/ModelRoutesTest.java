package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /info, /features and /thresholds. */
class ModelRoutesTest {

    private static TestServer server;
    private static String user;
    private static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer();
        user = server.userToken("rita");
        admin = server.adminToken("boss");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void infoDescribesTheLoadedModel() {
        TestServer.Response r = server.get("/info", user);
        assertEquals(200, r.status(), r.body());
        JsonNode info = r.json();
        assertEquals(ModelRoutes.PROJECT, info.get("project").asText());
        assertEquals("FunctionPredictor", info.get("model_class").asText());
        assertEquals("magic-steps-test", info.get("model_name").asText());
        assertEquals(TestModel.VERSION, info.get("model_version").asText());
        assertEquals(18, info.get("input_dim").asInt());
        assertEquals(0, info.get("params").asLong());
        assertEquals(18, info.get("n_features").asInt());
        assertEquals(0.5, info.get("threshold").asDouble());
        assertEquals("fase", info.get("features").get(0).asText());
        assertEquals(0.9, info.get("metrics").get("auc").asDouble());
    }

    @Test
    void infoSaysWhatTheThresholdInForceDoesOnTheHeldOutStudentsAndFollowsAChange() {
        JsonNode heldOut = server.get("/info", user).json().get("held_out");
        assertEquals("four test students", heldOut.get("split").asText());
        assertEquals(4, heldOut.get("students").asInt());
        assertEquals(2, heldOut.get("positives").asInt());
        assertEquals(4, heldOut.get("operating_points").size());
        assertEquals("{\"threshold\":0.7,\"flagged\":2,\"true_positives\":1}",
                heldOut.get("operating_points").get(1).toString());
        // At 0.5: 0.9, 0.7 and 0.6 flagged, two of whom reached the PV.
        assertEquals("{\"threshold\":0.5,\"flagged\":3,\"true_positives\":2,\"precision\":0.6666666666666666,"
                + "\"recall\":1.0}", heldOut.get("at_threshold").toString());
        try {
            assertEquals(200, server.putJson("/thresholds", "{\"threshold\": 0.95}", admin).status());
            JsonNode none = server.get("/info", user).json().get("held_out").get("at_threshold");
            assertEquals(0, none.get("flagged").asInt());
            assertTrue(none.get("precision").isNull(), "nobody flagged: no precision");
            assertEquals(0.0, none.get("recall").asDouble());
        } finally {
            assertEquals(200, server.putJson("/thresholds", "{\"threshold\": 0.5}", admin).status());
        }
    }

    @Test
    void featuresArePublicAndComeFromTheModelSchema() {
        TestServer.Response r = server.get("/features", null);
        assertEquals(200, r.status());
        JsonNode features = r.json();
        assertEquals(18, features.size());
        JsonNode inde = features.get(3);
        assertEquals("score_inde", inde.get("name").asText());
        assertEquals("float", inde.get("type").asText());
        assertEquals("0–10", inde.get("range").asText());
        assertEquals(10.0, inde.get("maximum").asDouble());
        assertFalse(inde.has("categories"));
        JsonNode genero = features.get(16);
        assertEquals("category", genero.get("type").asText());
        assertEquals("[\"menina\",\"menino\"]", genero.get("categories").toString());
        assertFalse(genero.has("minimum"));
    }

    @Test
    void adminsChangeTheThresholdAndPredictionsFollowIt() {
        TestServer.Response initial = server.get("/thresholds", user);
        assertEquals(200, initial.status());
        assertEquals("model-default", initial.json().get("updated_by").asText());

        TestServer.Response changed = server.putJson("/thresholds", "{\"threshold\": 0.9}", admin);
        assertEquals(200, changed.status(), changed.body());
        assertEquals(0.9, changed.json().get("threshold").asDouble());
        assertEquals("boss", changed.json().get("updated_by").asText());
        assertFalse(changed.json().get("updated_at").asText().isBlank());

        JsonNode read = server.get("/thresholds", user).json();
        assertEquals(0.9, read.get("threshold").asDouble());
        assertEquals("boss", read.get("updated_by").asText());
        JsonNode prediction = server.postJson("/predict", "{\"features\": " + TestModel.studentJson(8.5) + "}", user)
                .json();
        assertEquals(0, prediction.get("prediction").asInt(), "0.85 is below the new threshold");
        assertEquals(0.9, prediction.get("threshold").asDouble());
        assertEquals("baixa", prediction.get("confidence").asText());

        assertEquals(200, server.putJson("/thresholds", "{\"threshold\": 0.5}", admin).status());
    }

    @Test
    void onlyAdminsChangeTheThreshold() {
        TestServer.Response r = server.putJson("/thresholds", "{\"threshold\": 0.3}", user);
        assertEquals(403, r.status());
        assertTrue(r.detail().contains("admin"), r.body());
        assertEquals(401, server.putJson("/thresholds", "{\"threshold\": 0.3}", null).status());
    }

    @Test
    void aThresholdOutside0To1OrMissingIs422() {
        TestServer.Response high = server.putJson("/thresholds", "{\"threshold\": 1.5}", admin);
        assertEquals(422, high.status());
        assertEquals("[\"body\",\"threshold\"]", high.json().get("detail").get(0).get("loc").toString());
        assertEquals("less_than_equal", high.json().get("detail").get(0).get("type").asText());
        assertEquals(422, server.putJson("/thresholds", "{\"threshold\": -0.1}", admin).status());
        TestServer.Response text = server.putJson("/thresholds", "{\"threshold\": \"0.4\"}", admin);
        assertEquals(422, text.status());
        assertEquals("number_type", text.json().get("detail").get(0).get("type").asText());
        assertEquals("missing", server.putJson("/thresholds", "{}", admin).json().get("detail").get(0).get("type")
                .asText());
    }
}
