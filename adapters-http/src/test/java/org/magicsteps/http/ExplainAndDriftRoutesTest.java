package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.testing.ManualClock;

/** explain=true on the three prediction routes; /monitor/drift; feature_drift_psi in /metrics. */
class ExplainAndDriftRoutesTest {

    private static String body(double scoreInde) {
        return "{\"student_id\": \"RA-1\", \"features\": " + TestModel.studentJson(scoreInde) + "}";
    }

    @Test
    void withoutExplainTheAnswerIsAsBeforeAndWithItEachResultIsExplained() {
        try (TestServer server = new TestServer()) {
            String token = server.userToken("ana");
            JsonNode plain = server.postJson("/predict", body(7.1), token).json();
            assertFalse(plain.has("explanation"), plain.toString());
            JsonNode no = server.postJson("/predict?explain=false", body(7.1), token).json();
            assertFalse(no.has("explanation"));

            TestServer.Response r = server.postJson("/predict?explain=true", body(7.1), token);
            assertEquals(200, r.status(), r.body());
            JsonNode answer = r.json();
            JsonNode explanation = answer.get("explanation");
            assertEquals("linear", explanation.get("method").asText());
            double sum = explanation.get("base_value").asDouble();
            for (JsonNode c : explanation.get("contributions")) {
                sum += c.get("contribution").asDouble();
            }
            double p = answer.get("probability").asDouble();
            assertEquals(Math.log(p / (1 - p)), sum, 1e-9, "base_value + Σ contribution is the log-odds");
            JsonNode strongest = explanation.get("contributions").get(0);
            assertEquals("score_inde", strongest.get("feature").asText());
            assertEquals(7.1, strongest.get("value").asDouble(), 0);
            assertEquals("score_inde: aumenta a chance", strongest.get("reason").asText());
            JsonNode fase = null;
            for (JsonNode c : explanation.get("contributions")) {
                fase = c.get("feature").asText().equals("fase") ? c : fase;
            }
            assertTrue(fase.get("value").isIntegralNumber() && fase.get("value").asInt() == 3, "whole numbers as sent");
            assertEquals(18, explanation.get("contributions").size());
        }
    }

    @Test
    void aBatchAndAStoredStudentAreExplainedToo() {
        try (TestServer server = new TestServer()) {
            String token = server.userToken("ana");
            TestServer.Response batch = server.postJson("/predict/batch?explain=true", "{\"students\": ["
                    + body(2.0) + ", " + body(8.0) + "]}", token);
            assertEquals(200, batch.status(), batch.body());
            JsonNode predictions = batch.json().get("predictions");
            assertEquals(Math.log(2.0 / 8), predictions.get(0).get("explanation").get("contributions").get(0)
                    .get("contribution").asDouble(), 1e-9);
            assertEquals(Math.log(8.0 / 2), predictions.get(1).get("explanation").get("contributions").get(0)
                    .get("contribution").asDouble(), 1e-9);
            assertFalse(server.postJson("/predict/batch", "{\"students\": [" + body(2.0) + "]}", token).json()
                    .get("predictions").get(0).has("explanation"));

            server.features.put("RA-77", StudentFeatures.builder().fase(3).idade(12).anoIngresso(2020).scoreInde(6.0)
                    .scoreIaa(8).scoreIeg(8).scoreIps(7).scoreIda(6).scoreIpv(7).scoreIan(10).notaCg(350).notaCf(70)
                    .notaCt(10).numAvaliacoes(4).defasagem(-1).turma("b").genero("menino").pedraModal("quartzo")
                    .build());
            TestServer.Response stored = server.postJson("/students/RA-77/prediction?explain=true", "", token);
            assertEquals(200, stored.status(), stored.body());
            assertEquals(Math.log(6.0 / 4), stored.json().get("explanation").get("contributions").get(0)
                    .get("contribution").asDouble(), 1e-9);
            TestServer.Response byIds = server.postJson("/predict/batch?explain=true",
                    "{\"student_ids\": [\"RA-77\", \"RA-404\"]}", token);
            assertEquals(200, byIds.status(), byIds.body());
            assertEquals(Math.log(6.0 / 4), byIds.json().get("predictions").get(0).get("explanation")
                    .get("contributions").get(0).get("contribution").asDouble(), 1e-9);
            assertEquals(1, byIds.json().get("errors").size());
        }
    }

    @Test
    void aBadExplainValueOrAModelThatCannotExplainIsA422AndNothingIsLogged() {
        try (TestServer server = new TestServer()) {
            String token = server.userToken("ana");
            TestServer.Response bad = server.postJson("/predict?explain=yes", body(7.1), token);
            assertEquals(422, bad.status(), bad.body());
            assertEquals("[\"query\",\"explain\"]", bad.json().get("detail").get(0).get("loc").toString());
            assertTrue(bad.json().get("detail").get(0).get("msg").asText().contains("'yes' is not true or false"));
            assertEquals(0, server.log.query(org.magicsteps.core.domain.LogQuery.all()).records().size());
        }
        try (TestServer server = TestServer.withoutExplanations()) {
            String token = server.userToken("ana");
            TestServer.Response refused = server.postJson("/predict?explain=true", body(7.1), token);
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("the model magic-steps-test cannot explain its predictions"),
                    refused.body());
            assertEquals(200, server.postJson("/predict", body(7.1), token).status());
        }
    }

    @Test
    void driftIsForAdminsOverTheLoggedFeatures() {
        try (TestServer server = new TestServer()) {
            String ana = server.userToken("ana");
            String admin = server.adminToken("chefe");
            for (double inde : new double[] {1, 3, 5, 5, 9}) {
                assertEquals(200, server.postJson("/predict", body(inde), ana).status());
            }
            assertEquals(403, server.get("/monitor/drift", ana).status());

            TestServer.Response r = server.get("/monitor/drift", admin);
            assertEquals(200, r.status(), r.body());
            JsonNode report = r.json();
            assertEquals(5, report.get("rows").asLong());
            assertEquals("magic-steps-test", report.get("model").asText());
            JsonNode inde = feature(report, "score_inde");
            assertEquals("[0.2,0.2,0.4,0.0,0.2]", shares(inde.get("bins"), "current_share"));
            assertEquals("[0.1,0.2,0.4,0.2,0.1]", shares(inde.get("bins"), "training_share"));
            // 0.1·ln 2 + 0 + 0 + (1e-4 − .2)·ln(1e-4/.2) + 0.1·ln 2
            double psi = 0.2 * Math.log(2) + (1e-4 - 0.2) * Math.log(1e-4 / 0.2);
            assertEquals(psi, inde.get("psi").asDouble(), 1e-12);
            assertEquals("major", inde.get("level").asText());
            assertTrue(report.get("major").asBoolean());
            JsonNode turma = feature(report, "turma");
            assertFalse(turma.get("read_by_model").asBoolean());
            assertTrue(feature(report, "fase").get("psi").isNull(), "no training reference");

            String later = Instant.now().plusSeconds(60).toString();
            assertEquals(0, server.get("/monitor/drift?from=" + Instant.now().plusSeconds(30) + "&to=" + later, admin)
                    .json().get("rows").asLong());
            TestServer.Response badInstant = server.get("/monitor/drift?from=yesterday", admin);
            assertEquals(422, badInstant.status());
            assertEquals("[\"query\",\"from\"]", badInstant.json().get("detail").get(0).get("loc").toString());
            TestServer.Response unknownModel = server.get("/monitor/drift?model=other", admin);
            assertEquals(404, unknownModel.status(), unknownModel.body());
            assertTrue(unknownModel.body().contains("other"), unknownModel.body());
            assertEquals(422, server.get("/monitor/drift?from=" + later + "&to=" + later, admin).status());
        }
    }

    @Test
    void theMetricsCarryEachFeaturesPsiOfTheLastDayRefreshedAtMostOnceAMinute() {
        ManualClock clock = ManualClock.startingNow();
        try (TestServer server = new TestServer(s -> s.withClock(clock))) {
            String ana = server.userToken("ana");
            assertEquals(200, server.postJson("/predict", body(5), ana).status());
            String first = psiLine(server.get("/metrics", null).body());
            assertTrue(first.startsWith("feature_drift_psi{feature=\"score_inde\"} "), first);

            assertEquals(200, server.postJson("/predict", body(9), ana).status());
            assertEquals(first, psiLine(server.get("/metrics", null).body()), "within the minute: the same value");

            clock.advance(Duration.ofSeconds(61));
            String refreshed = psiLine(server.get("/metrics", null).body());
            assertFalse(first.equals(refreshed), "a minute later the new prediction counts: " + refreshed);
        }
    }

    private static String psiLine(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("feature_drift_psi{feature=\"score_inde\"}")).findFirst()
                .orElse("none");
    }

    private static JsonNode feature(JsonNode report, String name) {
        for (JsonNode f : report.get("features")) {
            if (f.get("feature").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError(name + " not in " + report);
    }

    private static String shares(JsonNode bins, String key) {
        StringBuilder text = new StringBuilder("[");
        for (JsonNode bin : bins) {
            text.append(text.length() > 1 ? "," : "").append(bin.get(key).asDouble());
        }
        return text.append(']').toString();
    }
}
