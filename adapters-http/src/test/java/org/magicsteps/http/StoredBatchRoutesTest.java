package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.testing.Students;

/** {@code POST /predict/batch} with {@code {"student_ids": [...]}}: students from the feature store. */
class StoredBatchRoutesTest {

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = new TestServer(s -> s, 3);
        token = server.userToken("lote");
        server.features.putAll(java.util.Map.of("RA-1", Students.student(), "RA-2", Students.student(),
                "RA-OLD", Students.student().without("idade")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void scoresTheStoredStudentsAndReportsTheOthersById() {
        TestServer.Response r = server.postJson("/predict/batch", "{\"student_ids\": [\"RA-2\", \"RA-404\", \"RA-1\"]}",
                token);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(2, body.get("total").asInt());
        assertEquals("RA-2", body.get("predictions").get(0).get("student_id").asText());
        assertEquals("RA-1", body.get("predictions").get(1).get("student_id").asText());
        assertEquals("[{\"student_id\":\"RA-404\",\"detail\":\"no features stored for student 'RA-404'\"}]",
                body.get("errors").toString());
        String batchId = body.get("batch_id").asText();
        List<PredictionRecord> logged = server.memoryLog.query(LogQuery.all()).records().stream()
                .filter(rec -> batchId.equals(rec.batchId())).toList();
        assertEquals(2, logged.size(), "both answers are in the log, under the batch's id");
    }

    @Test
    void storedFeaturesTheModelRefusesAreReportedNotFatal() {
        JsonNode body = server.postJson("/predict/batch", "{\"student_ids\": [\"RA-OLD\", \"RA-1\"]}", token).json();
        assertEquals(1, body.get("total").asInt());
        assertEquals("RA-OLD", body.get("errors").get(0).get("student_id").asText());
        assertTrue(body.get("errors").get(0).get("detail").asText().contains("idade"), body.toString());
    }

    @Test
    void nobodyStoredIsAnEmptyBatchWithAnErrorEach() {
        JsonNode body = server.postJson("/predict/batch", "{\"student_ids\": [\"RA-8\", \"RA-9\"]}", token).json();
        assertEquals(0, body.get("total").asInt());
        assertEquals(0, body.get("predictions").size());
        assertTrue(body.get("batch_id").isNull());
        assertEquals(2, body.get("errors").size());
    }

    @Test
    void badListsAre422NamingTheField() {
        assertRejected("{\"student_ids\": []}", "[\"body\",\"student_ids\"]", "at least 1");
        assertRejected("{\"student_ids\": [\"a\", \"b\", \"c\", \"d\"]}", "[\"body\",\"student_ids\"]", "limit of 3");
        assertRejected("{\"student_ids\": [\"RA-1\", \"RA-1\"]}", "[\"body\",\"student_ids\",1]", "more than once");
        assertRejected("{\"student_ids\": [\"RA-1\", \"  \"]}", "[\"body\",\"student_ids\",1]", "not blank");
        assertRejected("{\"student_ids\": [\"RA-1\"], \"students\": []}", "[\"body\",\"student_ids\"]", "not both");
    }

    @Test
    void anUnreachableStoreIs503() {
        server.features.down = true;
        try {
            TestServer.Response r = server.postJson("/predict/batch", "{\"student_ids\": [\"RA-1\"]}", token);
            assertEquals(503, r.status(), r.body());
        } finally {
            server.features.down = false;
        }
    }

    @Test
    void needsAToken() {
        assertEquals(401, server.postJson("/predict/batch", "{\"student_ids\": [\"RA-1\"]}", null).status());
    }

    private static void assertRejected(String body, String location, String words) {
        TestServer.Response r = server.postJson("/predict/batch", body, token);
        assertEquals(422, r.status(), r.body());
        JsonNode first = r.json().get("detail").get(0);
        assertEquals(location, first.get("loc").toString(), r.body());
        assertTrue(first.get("msg").asText().contains(words), r.body());
    }
}
