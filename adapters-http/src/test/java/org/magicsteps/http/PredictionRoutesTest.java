package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.StudentFeatures;

/** /predict, /predict/batch, /students/{id}/prediction and /features/process, with every refusal. */
class PredictionRoutesTest {

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = new TestServer(s -> s.withMaxRequestBytes(64 * 1024), 3);
        token = server.userToken("paula");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyViolationIsListedInOne422WithFastApiLocations() {
        String features = TestModel.studentJson(11.2).replace("\"fase\": 3", "\"fase\": 2.5")
                .replace("\"genero\": \"Menina\"", "\"genero\": \"x\"").replace("\"idade\": 12,", "");
        TestServer.Response r = server.postJson("/predict", "{\"features\": " + features + "}", token);
        assertEquals(422, r.status(), r.body());
        JsonNode detail = r.json().get("detail");
        List<String> locs = new ArrayList<>();
        detail.forEach(d -> locs.add(d.get("loc").toString()));
        assertTrue(locs.contains("[\"body\",\"features\",\"score_inde\"]"), locs.toString());
        assertTrue(locs.contains("[\"body\",\"features\",\"fase\"]"), locs.toString());
        assertTrue(locs.contains("[\"body\",\"features\",\"genero\"]"), locs.toString());
        assertTrue(locs.contains("[\"body\",\"features\",\"idade\"]"), locs.toString());
        assertEquals(4, detail.size(), r.body());
        JsonNode inde = find(detail, "score_inde");
        assertEquals("score_inde: 11.2 is above the maximum 10", inde.get("msg").asText());
        assertEquals("less_than_equal", inde.get("type").asText());
        assertEquals("missing", find(detail, "idade").get("type").asText());
        assertEquals("int_from_float", find(detail, "fase").get("type").asText());
    }

    @Test
    void wrongTypesAre422ButUnknownNamesAreNot() {
        String features = TestModel.studentJson(5).replace("{", "{\"shoe_size\": 42, ").replace("\"score_iaa\": 8.3",
                "\"score_iaa\": true");
        TestServer.Response r = server.postJson("/predict", "{\"features\": " + features + "}", token);
        assertEquals(422, r.status(), r.body());
        assertEquals(1, r.json().get("detail").size(), "the unknown name is no violation: " + r.body());
        assertEquals("number_type", find(r.json().get("detail"), "score_iaa").get("type").asText());

        TestServer.Response notAnObject = server.postJson("/predict", "{\"features\": \"abc\"}", token);
        assertEquals(422, notAnObject.status(), notAnObject.body());
        assertEquals("[\"body\",\"features\"]", notAnObject.json().get("detail").get(0).get("loc").toString());

        TestServer.Response missing = server.postJson("/predict", "{\"student_id\": \"RA-9\"}", token);
        assertEquals(422, missing.status());
        assertEquals("[\"body\",\"features\"]", missing.json().get("detail").get(0).get("loc").toString());
        assertEquals("missing", missing.json().get("detail").get(0).get("type").asText());
    }

    @Test
    void aWholeSheetRowIsAnsweredAndItsUnknownNamesAreNamedInWarnings() {
        String features = TestModel.studentJson(7).replace("{", "{\"nome\": \"Aluno-1\", \"escola\": \"Pública\", ");
        TestServer.Response r = server.postJson("/predict", "{\"features\": " + features + "}", token);
        assertEquals(200, r.status(), r.body());
        assertEquals(0.7, r.json().get("probability").asDouble(), 1e-9, "the same answer as without them");
        JsonNode warnings = r.json().get("warnings");
        assertEquals(2, warnings.size(), r.body());
        assertEquals("nome", warnings.get(0).get("feature").asText());
        assertEquals("Aluno-1", warnings.get(0).get("value").asText());
        assertTrue(warnings.get(0).get("trained_range").isNull());
        assertEquals("nome: is not a feature of this model; ignored", warnings.get(0).get("message").asText());

        TestServer.Response misspelt = server.postJson("/predict", "{\"features\": "
                + TestModel.studentJson(7).replace("\"score_inde\"", "\"score_ind\"") + "}", token);
        assertEquals(422, misspelt.status(), "a misspelt required feature is still missing: " + misspelt.body());
        assertEquals("missing", find(misspelt.json().get("detail"), "score_inde").get("type").asText());
    }

    @Test
    void aValueTheModelNeverSawIsAnsweredAndFlaggedOnEveryPredictionRoute() {
        String later = TestModel.studentJson(8).replace("\"ano_ingresso\": 2020", "\"ano_ingresso\": 2023");
        TestServer.Response one = server.postJson("/predict", "{\"features\": " + later + "}", token);
        assertEquals(200, one.status(), one.body());
        assertEquals(0.8, one.json().get("probability").asDouble(), 1e-9);
        JsonNode warning = one.json().get("warnings").get(0);
        assertEquals("ano_ingresso", warning.get("feature").asText());
        assertEquals(2023, warning.get("value").asInt());
        assertTrue(warning.get("value").isIntegralNumber(), "a whole number comes back whole: " + warning);
        assertEquals("2016–2022", warning.get("trained_range").asText());

        TestServer.Response batch = server.postJson("/predict/batch", "{\"students\": ["
                + "{\"student_id\": \"W1\", \"features\": " + TestModel.studentJson(9) + "},"
                + "{\"student_id\": \"W2\", \"features\": " + later + "}]}", token);
        assertEquals(200, batch.status(), batch.body());
        assertEquals(0, batch.json().get("predictions").get(0).get("warnings").size());
        assertEquals("ano_ingresso", batch.json().get("predictions").get(1).get("warnings").get(0).get("feature")
                .asText());

        server.features.put("RA-2023", StudentFeatures.builder().fase(3).idade(12).anoIngresso(2023).scoreInde(2.0)
                .scoreIaa(8).scoreIeg(8).scoreIps(7).scoreIda(6).scoreIpv(7).scoreIan(10).notaCg(350).notaCf(70)
                .notaCt(10).numAvaliacoes(4).defasagem(-1).turma("b").genero("menino").pedraModal("quartzo").build());
        TestServer.Response stored = server.postJson("/students/RA-2023/prediction", "", token);
        assertEquals(200, stored.status(), stored.body());
        assertEquals("2016–2022", stored.json().get("warnings").get(0).get("trained_range").asText());
        TestServer.Response plain = server.postJson("/predict", "{\"features\": " + TestModel.studentJson(8) + "}",
                token);
        assertEquals(0, plain.json().get("warnings").size(), "values within training are not flagged");
    }

    @Test
    void numericTextIsAcceptedAndNumericStudentIdsBecomeText() {
        String features = TestModel.studentJson(7).replace("\"score_iaa\": 8.3", "\"score_iaa\": \"8.3\"");
        TestServer.Response r = server.postJson("/predict", "{\"student_id\": 1024, \"features\": " + features + "}",
                token);
        assertEquals(200, r.status(), r.body());
        assertEquals("1024", r.json().get("student_id").asText());
        assertEquals("média", r.json().get("confidence").asText());
    }

    @Test
    void malformedJsonIs400AndAnEmptyBodyIs422() {
        TestServer.Response broken = server.postJson("/predict", "{\"features\": {", token);
        assertEquals(400, broken.status());
        assertTrue(broken.detail().startsWith("Malformed JSON"), broken.body());
        assertEquals(400, server.postJson("/predict", "{} trailing", token).status());
        TestServer.Response empty = server.postJson("/predict", "", token);
        assertEquals(422, empty.status());
        assertEquals("[\"body\"]", empty.json().get("detail").get(0).get("loc").toString());
        assertEquals(422, server.postJson("/predict", "null", token).status());
        assertEquals(422, server.postJson("/predict", "[1, 2]", token).status());
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String padding = "\"" + "x".repeat(70 * 1024) + "\"";
        TestServer.Response r = server.postJson("/predict", "{\"student_id\": " + padding + "}", token);
        assertEquals(413, r.status(), r.body().substring(0, Math.min(200, r.body().length())));
        assertEquals("Request body too large: the limit is 65536 bytes", r.detail());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        byte[] big = ("{\"student_id\": \"" + "x".repeat(200 * 1024) + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        TestServer.Response r = server.send(server.request("/predict", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big))));
        assertEquals(413, r.status(), r.body().substring(0, Math.min(200, r.body().length())));
        assertEquals("Request body too large: the limit is 65536 bytes", r.detail());
        TestServer.Response form = server.send(server.request("/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("username=x&password=" + "y".repeat(200 * 1024)).getBytes()))));
        assertEquals(413, form.status(), "form bodies are counted too");
    }

    @Test
    void batchAnswersInOrderAndLogsWithOneBatchId() {
        int before = server.memoryLog.size();
        double inferencesBefore = metric("model_inference_seconds_count");
        TestServer.Response r = server.postJson("/predict/batch", "{\"students\": ["
                + "{\"student_id\": \"B1\", \"features\": " + TestModel.studentJson(9) + "},"
                + "{\"student_id\": \"B2\", \"features\": " + TestModel.studentJson(1) + "}]}", token);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(2, body.get("total").asInt());
        assertEquals("B1", body.get("predictions").get(0).get("student_id").asText());
        assertEquals(1, body.get("predictions").get(0).get("prediction").asInt());
        assertEquals("B2", body.get("predictions").get(1).get("student_id").asText());
        assertEquals(0, body.get("predictions").get(1).get("prediction").asInt());
        assertEquals(before + 2, server.memoryLog.size());
        assertEquals(inferencesBefore + 1, metric("model_inference_seconds_count"), "one model call for the batch");
        assertEquals(server.memoryLog.size(), metric("prediction_log_records_total"), "every logged record is counted");
        JsonNode logs = server.get("/monitor/logs?limit=2", token).json();
        assertEquals(body.get("batch_id").asText(), logs.get(0).get("batch_id").asText());
        assertEquals(body.get("batch_id").asText(), logs.get(1).get("batch_id").asText());
    }

    @Test
    void batchViolationsAreLocatedPerStudent() {
        TestServer.Response r = server.postJson("/predict/batch", "{\"students\": ["
                + "{\"features\": " + TestModel.studentJson(5) + "},"
                + "{\"features\": " + TestModel.studentJson(-1) + "}]}", token);
        assertEquals(422, r.status(), r.body());
        assertEquals("[\"body\",\"students\",1,\"features\",\"score_inde\"]",
                r.json().get("detail").get(0).get("loc").toString());
        assertEquals("greater_than_equal", r.json().get("detail").get(0).get("type").asText());
    }

    @Test
    void batchOverTheLimitOrEmptyIs422NamingTheLimit() {
        String one = "{\"features\": " + TestModel.studentJson(5) + "}";
        TestServer.Response tooMany = server.postJson("/predict/batch",
                "{\"students\": [" + String.join(",", one, one, one, one) + "]}", token);
        assertEquals(422, tooMany.status());
        JsonNode item = tooMany.json().get("detail").get(0);
        assertEquals("[\"body\",\"students\"]", item.get("loc").toString());
        assertTrue(item.get("msg").asText().contains("limit of 3"), item.toString());

        TestServer.Response empty = server.postJson("/predict/batch", "{\"students\": []}", token);
        assertEquals(422, empty.status());
        assertEquals("too_short", empty.json().get("detail").get(0).get("type").asText());
        TestServer.Response missing = server.postJson("/predict/batch", "{}", token);
        assertEquals(422, missing.status());
        assertEquals("missing", missing.json().get("detail").get(0).get("type").asText());
        TestServer.Response notAList = server.postJson("/predict/batch", "{\"students\": 5}", token);
        assertEquals(422, notAList.status());
    }

    @Test
    void aStoredStudentIsPredictedFromTheFeatureStore() {
        server.features.put("RA-77", StudentFeatures.builder().fase(3).idade(12).anoIngresso(2020).scoreInde(2.0)
                .scoreIaa(8).scoreIeg(8).scoreIps(7).scoreIda(6).scoreIpv(7).scoreIan(10).notaCg(350).notaCf(70)
                .notaCt(10).numAvaliacoes(4).defasagem(-1).turma("b").genero("menino").pedraModal("quartzo").build());
        TestServer.Response r = server.postJson("/students/RA-77/prediction", "", token);
        assertEquals(200, r.status(), r.body());
        assertEquals("RA-77", r.json().get("student_id").asText());
        assertEquals(0.2, r.json().get("probability").asDouble(), 1e-9);

        TestServer.Response unknown = server.postJson("/students/RA-00/prediction", "", token);
        assertEquals(404, unknown.status());
        assertTrue(unknown.detail().contains("RA-00"));
    }

    @Test
    void featuresProcessShowsTheModelInput() {
        TestServer.Response r = server.postJson("/features/process", "{\"features\": " + TestModel.studentJson(6)
                .replace("\"turma\": \"B\"", "\"turma\": \"Z\"") + "}", token);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(6.0, body.get("raw").get("score_inde").asDouble());
        assertEquals("z", body.get("raw").get("turma").asText());
        assertEquals(-1.0, body.get("normalized").get("turma").asDouble(), "an unknown class is encoded as -1");
        assertEquals(18, body.get("model_input").size());
        assertEquals(18, body.get("input_names").size());

        TestServer.Response bad = server.postJson("/features/process", "{\"features\": {\"fase\": 99}}", token);
        assertEquals(422, bad.status());
        assertEquals("[\"body\",\"features\",\"fase\"]", bad.json().get("detail").get(0).get("loc").toString());
    }

    @Test
    void wrongMethodAndUnknownRouteAreJson() {
        TestServer.Response unknown = server.get("/nope", token);
        assertEquals(404, unknown.status());
        assertEquals("Not Found: GET /nope", unknown.detail());
        TestServer.Response wrongMethod = server.send(server.request("/predict", token).DELETE());
        assertEquals(405, wrongMethod.status());
        assertFalse(wrongMethod.detail().isBlank());
        TestServer.Response put = server.send(server.request("/predict", token).PUT(HttpRequest.BodyPublishers.noBody()));
        assertEquals(405, put.status());
    }

    @Test
    void jettysOwnRefusalsAreJsonToo() throws Exception {
        TestServer.Response r = server.send(server.request("/health", null).header("X-Big", "a".repeat(20_000)).GET());
        assertEquals(431, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        assertEquals("Request Header Fields Too Large", r.detail());
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.server.port())) {
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(raw.startsWith("HTTP/1.1 400"), raw);
            assertTrue(raw.contains("{\"detail\":"), raw);
        }
    }

    private static double metric(String series) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series)
                + " (\\S+)$", java.util.regex.Pattern.MULTILINE).matcher(server.get("/metrics", null).body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static JsonNode find(JsonNode detail, String field) {
        for (JsonNode d : detail) {
            JsonNode loc = d.get("loc");
            if (loc.get(loc.size() - 1).asText().equals(field)) {
                return d;
            }
        }
        throw new AssertionError("no violation for " + field + " in " + detail);
    }
}
