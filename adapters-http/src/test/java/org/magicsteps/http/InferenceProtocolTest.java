package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;

/** The Open Inference Protocol's health, metadata and inference routes, over a real socket. */
class InferenceProtocolTest {

    private static final int MAX_BATCH = 50;

    private static TestServer server;
    private static String user;

    @BeforeAll
    static void start() {
        server = new TestServer(s -> s, MAX_BATCH);
        user = server.userToken("ines");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void serverHealthAndMetadataAreOpenLikeHealth() {
        JsonNode server2 = server.get("/v2", null).json();
        assertEquals("magic-steps", server2.get("name").asText());
        assertEquals("[\"model_repository\"]", server2.get("extensions").toString());
        assertEquals("{\"live\":true}", server.get("/v2/health/live", null).body());
        TestServer.Response ready = server.get("/v2/health/ready", null);
        assertEquals(200, ready.status());
        assertEquals("{\"ready\":true}", ready.body());
        assertEquals("{\"name\":\"default\",\"ready\":true}", server.get("/v2/models/default/ready", null).body());
        assertEquals(200, server.get("/v2/models/default/versions/" + TestModel.VERSION + "/ready", null).status());
    }

    @Test
    void theModelMetadataListsEveryInputAndOutputWithDatatypeAndShape() {
        TestServer.Response r = server.get("/v2/models/default", null);

        assertEquals(200, r.status(), r.body());
        JsonNode metadata = r.json();
        assertEquals("default", metadata.get("name").asText());
        assertEquals("[\"" + TestModel.VERSION + "\"]", metadata.get("versions").toString());
        JsonNode inputs = metadata.get("inputs");
        assertEquals(19, inputs.size(), "18 features and student_id; a function model has no encoded tensor");
        assertEquals("{\"name\":\"fase\",\"datatype\":\"INT64\",\"shape\":[-1],\"parameters\":{\"required\":true,"
                + "\"minimum\":0.0,\"maximum\":8.0,\"description\":\"Fase do programa\"}}", inputs.get(0).toString());
        assertEquals("FP64", inputs.get(3).get("datatype").asText());
        assertEquals("BYTES", inputs.get(16).get("datatype").asText());
        assertEquals("menina,menino", inputs.get(16).get("parameters").get("categories").asText());
        assertEquals("[{\"name\":\"probability\",\"datatype\":\"FP64\",\"shape\":[-1]},"
                + "{\"name\":\"prediction\",\"datatype\":\"INT64\",\"shape\":[-1]},"
                + "{\"name\":\"confidence\",\"datatype\":\"BYTES\",\"shape\":[-1],\"parameters\":{\"content_type\":\"str\"}}]",
                metadata.get("outputs").toString());
        assertEquals(0.5, metadata.get("parameters").get("threshold").asDouble());
        assertEquals(r.body(), server.get("/v2/models/default/versions/" + TestModel.VERSION, null).body());
    }

    @Test
    void anUnknownModelOrVersionIsA404WithAnError() {
        TestServer.Response unknown = server.get("/v2/models/nope", null);
        assertEquals(404, unknown.status());
        assertEquals("{\"error\":\"no model 'nope' is served; the models served are default\"}", unknown.body());
        TestServer.Response version = server.get("/v2/models/default/versions/9/ready", null);
        assertEquals(404, version.status());
        assertEquals("model 'default' has no version '9'; it serves " + TestModel.VERSION,
                version.json().get("error").asText());
        assertEquals(404, server.postJson("/v2/models/nope/infer", "{}", user).status());
        TestServer.Response noRoute = server.get("/v2/nothing-here", null);
        assertEquals(404, noRoute.status());
        assertTrue(noRoute.json().has("error"), noRoute.body());
    }

    @Test
    void inferenceEqualsTheBatchRouteForTheSameStudentsAndIsLoggedAsABatch() {
        List<Map<String, Object>> students = InferenceRequests.students(TestModel.SCHEMA, MAX_BATCH, 20_22);
        JsonNode batch = server.postJson("/predict/batch", InferenceRequests.batch(students), user).json();
        ObjectNode request = InferenceRequests.byFeature(TestModel.SCHEMA, students).put("id", "req-7");

        TestServer.Response r = server.postJson("/v2/models/default/infer", request.toString(), user);

        assertEquals(200, r.status(), r.body());
        JsonNode answer = r.json();
        assertEquals("default", answer.get("model_name").asText());
        assertEquals(TestModel.VERSION, answer.get("model_version").asText());
        assertEquals("req-7", answer.get("id").asText(), "the id is echoed");
        assertEquals("pd", answer.get("parameters").get("content_type").asText(), "the parameters are echoed");
        assertEquals(0.5, answer.get("parameters").get("threshold").asDouble());
        JsonNode outputs = answer.get("outputs");
        assertEquals(List.of("probability", "prediction", "confidence"),
                List.of(outputs.get(0).get("name").asText(), outputs.get(1).get("name").asText(),
                        outputs.get(2).get("name").asText()));
        for (int i = 0; i < 3; i++) {
            assertEquals("[" + MAX_BATCH + "]", outputs.get(i).get("shape").toString());
        }
        assertEquals("FP64", outputs.get(0).get("datatype").asText());
        assertEquals("INT64", outputs.get(1).get("datatype").asText());
        assertEquals("BYTES", outputs.get(2).get("datatype").asText());
        for (int i = 0; i < MAX_BATCH; i++) {
            JsonNode expected = batch.get("predictions").get(i);
            assertEquals(expected.get("probability").asDouble(), outputs.get(0).get("data").get(i).asDouble(), 0.0,
                    "student " + i);
            assertEquals(expected.get("prediction").asInt(), outputs.get(1).get("data").get(i).asInt());
            assertEquals(expected.get("confidence").asText(), outputs.get(2).get("data").get(i).asText());
        }
        String batchId = answer.get("parameters").get("batch_id").asText();
        List<PredictionRecord> logged = server.memoryLog.query(LogQuery.all().limit(500)).records().stream()
                .filter(record -> batchId.equals(record.batchId())).toList();
        assertEquals(MAX_BATCH, logged.size(), "one log record per student, sharing the batch id");
        assertEquals("ines", logged.get(0).user());
    }

    @Test
    void outputsPickWhatIsAnsweredAndColumnsMayBeNestedOrNamedByStudent() {
        List<Map<String, Object>> students = InferenceRequests.students(TestModel.SCHEMA, 3, 7);
        ObjectNode request = InferenceRequests.byFeature(TestModel.SCHEMA, students);
        request.putArray("outputs").addObject().put("name", "confidence");
        // MLServer ≥ 1.2 sends each column as [N, 1], nested.
        ObjectNode fase = InferenceRequests.input(request, "fase");
        fase.putArray("shape").add(3).add(1);
        com.fasterxml.jackson.databind.node.ArrayNode nested = TestServer.JSON.createArrayNode();
        fase.get("data").forEach(v -> nested.addArray().add(v));
        fase.set("data", nested);
        ObjectNode ids = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("inputs")).addObject()
                .put("name", "student_id").put("datatype", "BYTES");
        ids.putArray("shape").add(3);
        ids.putArray("data").add("RA-a").add("RA-b").add("RA-c");

        TestServer.Response r = server.postJson("/v2/models/default/infer", request.toString(), user);

        assertEquals(200, r.status(), r.body());
        JsonNode outputs = r.json().get("outputs");
        assertEquals(1, outputs.size());
        assertEquals("confidence", outputs.get(0).get("name").asText());
        assertEquals("RA-b", server.memoryLog.query(LogQuery.all().forStudent("RA-b")).records().get(0)
                .prediction().studentId());
        String batchId = r.json().get("parameters").get("batch_id").asText();
        assertEquals(batchId, r.json().get("id").asText(), "without an id, the batch id");
    }

    @Test
    void aValueNotMeasuredIsNullAndARequiredOneMissingIsRefusedAtItsRow() {
        List<Map<String, Object>> students = InferenceRequests.students(TestModel.SCHEMA, 2, 8);
        ObjectNode request = InferenceRequests.byFeature(TestModel.SCHEMA, students);
        ((com.fasterxml.jackson.databind.node.ArrayNode) InferenceRequests.input(request, "idade").get("data"))
                .set(1, TestServer.JSON.nullNode());

        TestServer.Response r = server.postJson("/v2/models/default/infer", request.toString(), user);

        assertEquals(422, r.status(), r.body());
        assertEquals("{\"error\":\"input 'idade', row 1: idade: is required but missing\"}", r.body());
    }

    @Test
    void everyTensorIsCheckedAndEveryProblemNamed() {
        List<Map<String, Object>> students = InferenceRequests.students(TestModel.SCHEMA, 2, 9);
        assertRefused(students, request -> InferenceRequests.input(request, "fase").putArray("shape").add(3),
                "inputs[0] 'fase': shape [3] holds 3 elements, but data has 2");
        assertRefused(students, request -> InferenceRequests.input(request, "turma").put("datatype", "FP64"),
                "inputs[15] 'turma': datatype FP64, but 'turma' is a category (a, b, c, d): send BYTES");
        assertRefused(students, request -> InferenceRequests.input(request, "score_inde").put("datatype", "BYTES"),
                "inputs[3] 'score_inde': datatype BYTES, but 'score_inde' is a number: send FP64, FP32, INT64 or INT32");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").put("datatype", "FLOAT"),
                "inputs[0] 'fase'.datatype: 'FLOAT' is not an Open Inference Protocol datatype");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").put("name", "shoe_size"),
                "inputs[0] 'shoe_size': 'shoe_size' is not an input of model 'default'; its inputs are one per "
                        + "feature (fase, idade,");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").put("name", "idade"),
                "inputs[1]: a second input named 'idade'");
        assertRefused(students, request -> ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("inputs"))
                .remove(0), "input 'fase' is missing: model 'default' requires that feature");
        assertRefused(students, request -> {
            ObjectNode idade = InferenceRequests.input(request, "idade");
            idade.putArray("shape").add(1);
            ((com.fasterxml.jackson.databind.node.ArrayNode) idade.get("data")).remove(1);
        }, "inputs[1] 'idade': 1 students, but inputs[0] 'fase' has 2");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").putArray("shape").add(1).add(2),
                "inputs[0] 'fase': shape [1, 2], but an input per feature is [N] or [N, 1], one element per student");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").put("datatype", "INT32")
                .putArray("data").add(3.5).add("x"), "inputs[0] 'fase' (INT32): element 0 is 3.5, not a whole number; "
                        + "element 1 is \"x\", not a whole number");
        assertRefused(students, request -> InferenceRequests.input(request, "score_inde").putArray("data").add(11.5)
                .add(5), "input 'score_inde', row 0: score_inde: 11.5 is above the maximum 10");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").putObject("parameters")
                .put("binary_data_size", 16), "binary tensor data is not supported");
        assertRefused(students, request -> request.putArray("outputs").addObject().put("name", "logits"),
                "outputs[0].name: 'logits' is not an output of model 'default'; its outputs are probability, "
                        + "prediction, confidence");
        assertRefused(students, request -> request.putArray("inputs"), "inputs: at least one input tensor is required");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").putArray("shape").add(-2),
                "inputs[0] 'fase'.shape: [-2] must be whole numbers of 0 or more");
        assertRefused(students, request -> InferenceRequests.input(request, "fase").putArray("shape")
                .add(Long.MAX_VALUE).add(4), "holds more elements than any request can carry");
    }

    @Test
    void aBatchAboveTheLimitOrEmptyIsRefusedLikeTheBatchRoute() {
        List<Map<String, Object>> many = InferenceRequests.students(TestModel.SCHEMA, MAX_BATCH + 1, 10);
        TestServer.Response tooMany = server.postJson("/v2/models/default/infer",
                InferenceRequests.byFeature(TestModel.SCHEMA, many).toString(), user);
        assertEquals(422, tooMany.status());
        assertTrue(tooMany.json().get("error").asText().contains(
                "51 students are above the limit of 50 (MAX_BATCH_SIZE)"), tooMany.body());
        TestServer.Response none = server.postJson("/v2/models/default/infer",
                InferenceRequests.byFeature(TestModel.SCHEMA, List.of()).toString(), user);
        assertEquals(422, none.status());
        assertTrue(none.json().get("error").asText().contains("holds no student; a batch needs at least 1"), none.body());
    }

    @Test
    void malformedBodiesAndMissingTokensAreRefusedInTheProtocolsShape() {
        TestServer.Response malformed = server.postJson("/v2/models/default/infer", "{\"inputs\": [", user);
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().get("error").asText().startsWith("Malformed JSON"), malformed.body());
        TestServer.Response wrongShape = server.postJson("/v2/models/default/infer", "{\"inputs\": 3}", user);
        assertEquals(422, wrongShape.status());
        assertEquals("inputs: expected an array", wrongShape.json().get("error").asText());
        TestServer.Response noToken = server.postJson("/v2/models/default/infer", "{}", null);
        assertEquals(401, noToken.status());
        assertEquals("{\"error\":\"Not authenticated\"}", noToken.body());
        TestServer.Response notAdmin = server.postJson("/v2/repository/index", "", user);
        assertEquals(403, notAdmin.status());
        assertEquals("This route needs the admin role", notAdmin.json().get("error").asText());
    }

    @Test
    void aFailingModelIsA503AndABugNeverShowsAStackTrace() {
        List<Map<String, Object>> students = InferenceRequests.students(TestModel.SCHEMA, 1, 11);
        String request = InferenceRequests.byFeature(TestModel.SCHEMA, students).toString();
        server.model.failure.set(new org.magicsteps.core.port.PortException("onnx runtime died"));
        try {
            TestServer.Response down = server.postJson("/v2/models/default/infer", request, user);
            assertEquals(503, down.status());
            assertTrue(down.json().get("error").asText().startsWith("A backing service is unavailable"), down.body());
            server.model.failure.set(new IllegalStateException("a bug"));
            TestServer.Response bug = server.postJson("/v2/models/default/infer", request, user);
            assertEquals(500, bug.status());
            assertTrue(bug.json().get("error").asText().startsWith("Internal server error (correlation id "),
                    bug.body());
            assertFalse(bug.body().contains("IllegalStateException"));
        } finally {
            server.model.failure.set(null);
        }
    }

    private static void assertRefused(List<Map<String, Object>> students, Consumer<ObjectNode> breakIt, String message) {
        ObjectNode request = InferenceRequests.byFeature(TestModel.SCHEMA, students);
        breakIt.accept(request);
        TestServer.Response r = server.postJson("/v2/models/default/infer", request.toString(), user);
        assertEquals(422, r.status(), message + ": " + r.body());
        String error = r.json().get("error").asText();
        assertTrue(error.contains(message), "expected «" + message + "» in «" + error + "»");
    }
}
