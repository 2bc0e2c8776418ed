package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /sheets/score} over a real socket: the file as the body, every student and refused
 * row answered (explained on request), the scored ones logged as one batch under the caller; what
 * cannot be scored is a 4xx saying why. {@code POST /sheets/drift}: the same file against the
 * model's training data, for admins. (The PEDE layouts themselves are model-runtime's; here a
 * plain CSV stands in.)
 */
class SheetRoutesTest {

    private static final String HEADER = "student_id,fase,idade,ano_ingresso,score_inde,score_iaa,score_ieg,score_ips,"
            + "score_ida,score_ipv,score_ian,nota_cg,nota_cf,nota_ct,num_avaliacoes,defasagem,turma,genero,pedra_modal";

    private static TestServer server;
    private static String bia;

    @BeforeAll
    static void start() {
        server = new TestServer(settings -> settings.withMaxSheetBytes(4096));
        bia = server.userToken("bia");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A student whose probability is {@code inde / 10} (the test model's rule), in phase {@code fase}. */
    private static String row(String id, int fase, String inde) {
        return id + "," + fase + ",12,2020," + inde + ",8.3,7.9,6.9,6.2,7.3,10,350,70,10,4,-1,b,Menina,Ametista";
    }

    private static TestServer.Response upload(String query, String csv, String token) {
        return upload(server, "/sheets/score" + query, csv, token);
    }

    private static TestServer.Response upload(TestServer to, String pathAndQuery, String csv, String token) {
        return to.send(to.request(pathAndQuery, token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8)));
    }

    @Test
    void explainTrueAnswersEachStudentsExplanationAsPredictDoesAndWithoutItThereIsNone() {
        String csv = String.join("\n", HEADER, row("RA-1", 3, "8.5"), row("RA-2", 9, "5"), row("RA-3", 0, "2"));
        String student = "{\"student_id\": \"RA-1\", \"features\": " + TestModel.studentJson(8.5) + "}";
        JsonNode predicted = server.postJson("/predict?explain=true", student, bia).json().get("explanation");

        TestServer.Response r = upload("?explain=true", csv, bia);

        assertEquals(200, r.status(), r.body());
        JsonNode first = r.json().get("students").get(0);
        assertEquals(predicted, first.get("explanation"), "the same explanation, in the same shape, as /predict's");
        assertEquals("score_inde", first.get("explanation").get("contributions").get(0).get("feature").asText());
        assertEquals(Math.log(0.85 / 0.15), first.get("explanation").get("contributions").get(0).get("contribution")
                .asDouble(), 1e-12);
        assertEquals(2, r.json().get("students").size());
        assertTrue(r.json().get("students").get(1).has("explanation"));
        assertFalse(upload("", csv, bia).json().get("students").get(0).has("explanation"), "not asked, not there");

        TestServer.Response bad = upload("?explain=yes", csv, bia);
        assertEquals(422, bad.status());
        assertEquals("[\"query\",\"explain\"]", bad.json().get("detail").get(0).get("loc").toString());
        try (TestServer unexplained = TestServer.withoutExplanations()) {
            String token = unexplained.userToken("bia");
            TestServer.Response refused = upload(unexplained, "/sheets/score?explain=true", csv, token);
            assertEquals(422, refused.status(), refused.body());
            assertTrue(refused.body().contains("cannot explain its predictions"), refused.body());
            assertEquals(0, unexplained.log.query(org.magicsteps.core.domain.LogQuery.all()).records().size(),
                    "nothing scored nor logged");
        }
    }

    @Test
    void anAdminGetsTheSheetsDriftFromTheTrainingDataAndAnyoneElseA403() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 10; i++) {
            csv.append('\n').append(row("RA-" + i, 3, i < 8 ? "9.5" : "1"));
        }
        long logged = server.log.query(org.magicsteps.core.domain.LogQuery.all()).records().size();
        String ana = server.adminToken("ana");

        TestServer.Response r = upload(server, "/sheets/drift?file=turma-b.csv", csv.toString(), ana);

        assertEquals(200, r.status(), r.body());
        JsonNode drift = r.json();
        assertEquals(10, drift.get("rows").asInt());
        assertEquals(TestModel.VERSION, drift.get("model_version").asText());
        assertTrue(drift.get("major").asBoolean(), drift.toString());
        JsonNode inde = null;
        for (JsonNode feature : drift.get("features")) {
            if (feature.get("feature").asText().equals("score_inde")) {
                inde = feature;
            }
        }
        assertEquals("major", inde.get("level").asText(), "80 % in the top bin, where training had 10 %");
        assertTrue(inde.get("read_by_model").asBoolean());
        assertEquals("score_inde", drift.get("features").get(0).get("feature").asText(), "most drifted first");
        assertEquals(logged, server.log.query(org.magicsteps.core.domain.LogQuery.all()).records().size(),
                "nothing scored nor logged");

        TestServer.Response refused = upload(server, "/sheets/drift", csv.toString(), bia);
        assertEquals(403, refused.status(), refused.body());
        assertEquals(401, upload(server, "/sheets/drift", csv.toString(), null).status());
        TestServer.Response notASheet = upload(server, "/sheets/drift?file=notas.txt", "hello", ana);
        assertEquals(422, notASheet.status());
        assertEquals("notas.txt: is not a CSV with a student_id column", notASheet.json().get("detail").get(0)
                .get("msg").asText());
        TestServer.Response tooLarge = upload(server, "/sheets/drift", HEADER + "\n" + "x".repeat(5000), ana);
        assertEquals(413, tooLarge.status(), "the sheet's own limit");
    }

    @Test
    void everyStudentIsAnsweredAndTheScoredOnesAreLoggedAsOneBatchUnderTheCaller() {
        String csv = String.join("\n", HEADER, row("RA-1", 3, "8.5"), row("RA-2", 9, "5"), row("RA-3", 0, "2"));

        TestServer.Response r = upload("?file=turma-b.csv", csv, bia);

        assertEquals(200, r.status(), r.body());
        JsonNode sheet = r.json();
        assertEquals("turma-b.csv", sheet.get("file").asText());
        assertEquals("test CSV", sheet.get("layout").asText());
        assertEquals("default", sheet.get("model").asText());
        assertEquals(TestModel.VERSION, sheet.get("model_version").asText());
        assertEquals(0.5, sheet.get("threshold").asDouble());
        assertEquals("{\"rows\":3,\"scored\":2,\"flagged\":0,\"rejected\":1,\"rejections\":[{\"reason\":\"fase above "
                + "the maximum\",\"field\":\"fase\",\"rows\":1}],\"warnings\":[]}", sheet.get("summary").toString());
        JsonNode first = sheet.get("students").get(0);
        assertEquals(2, first.get("line").asInt());
        assertEquals("RA-1", first.get("student_id").asText());
        assertEquals(3, first.get("phase").asInt());
        assertEquals("b", first.get("class_name").asText());
        assertEquals(0.85, first.get("probability").asDouble(), 1e-12);
        assertEquals(1, first.get("prediction").asInt());
        assertEquals(8.5, first.get("features").get("score_inde").asDouble());
        assertEquals(3, first.get("features").get("fase").asInt());
        assertEquals("", first.get("warnings_text").asText());
        assertEquals(0, sheet.get("students").get(1).get("phase").asInt(), "ALFA is phase 0");
        JsonNode refused = sheet.get("rejected").get(0);
        assertEquals(3, refused.get("line").asInt());
        assertEquals("RA-2", refused.get("student_id").asText());
        assertTrue(refused.get("reasons").get(0).asText().startsWith("fase: 9 is above the maximum"), refused.toString());

        JsonNode logged = server.get("/monitor/logs?limit=10", bia).json();
        List<String> ids = new ArrayList<>();
        for (JsonNode record : logged) {
            if (sheet.get("batch_id").asText().equals(record.path("batch_id").asText())) {
                assertEquals("bia", record.get("user").asText());
                ids.add(record.get("student_id").asText());
            }
        }
        assertEquals(List.of("RA-3", "RA-1"), ids.stream().sorted(java.util.Comparator.reverseOrder()).toList(),
                "the two scored students, in the upload's batch");
    }

    @Test
    void whatCannotBeScoredIsA4xxSayingWhy() {
        assertEquals(401, upload("", HEADER, null).status());

        TestServer.Response notASheet = upload("?file=notas.txt", "hello", bia);
        assertEquals(422, notASheet.status());
        JsonNode problem = notASheet.json().get("detail").get(0);
        assertEquals("[\"body\",\"sheet\"]", problem.get("loc").toString());
        assertEquals("notas.txt: is not a CSV with a student_id column", problem.get("msg").asText());

        TestServer.Response empty = upload("", "", bia);
        assertEquals(422, empty.status());
        assertTrue(empty.body().contains("sheet: the body is empty"), empty.body());

        TestServer.Response tooLarge = upload("", HEADER + "\n" + "x".repeat(5000), bia);
        assertEquals(413, tooLarge.status());
        assertEquals("Request body too large: the limit is 4096 bytes", tooLarge.detail());

        StringBuilder many = new StringBuilder(HEADER);
        for (int i = 0; i <= TestServer.MAX_SHEET_ROWS; i++) {
            many.append("\nR").append(i).append(",1");
        }
        TestServer.Response tooMany = upload("", many.toString(), bia);
        assertEquals(422, tooMany.status(), tooMany.body());
        assertTrue(tooMany.body().contains("has more than " + TestServer.MAX_SHEET_ROWS + " rows"), tooMany.body());

        TestServer.Response unknownModel = upload("?model=nope", HEADER, bia);
        assertEquals(404, unknownModel.status());
        assertTrue(unknownModel.detail().contains("nope"), unknownModel.body());

        TestServer.Response badImpute = upload("?impute=maybe", HEADER, bia);
        assertEquals(422, badImpute.status());
        assertEquals("impute: 'maybe' is neither true nor false", badImpute.json().get("detail").get(0).get("msg")
                .asText());
    }
}
