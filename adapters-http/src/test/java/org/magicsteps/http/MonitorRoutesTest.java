package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.StudentFeatures;

/** /monitor/logs (filters, paging, who sees what) and /monitor/features. */
class MonitorRoutesTest {

    private static TestServer server;
    private static String ana;
    private static String bia;
    private static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer();
        ana = server.userToken("ana");
        bia = server.userToken("bia");
        admin = server.adminToken("chefe");
        for (int i = 0; i < 5; i++) {
            predict(ana, "S-" + (i % 2));
        }
        predict(bia, "S-0");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void predict(String token, String studentId) {
        TestServer.Response r = server.postJson("/predict",
                "{\"student_id\": \"" + studentId + "\", \"features\": " + TestModel.studentJson(5) + "}", token);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void aUserSeesOnlyTheirOwnRecords() {
        JsonNode records = server.get("/monitor/logs", bia).json();
        assertEquals(1, records.size());
        assertEquals("bia", records.get(0).get("user").asText());
        TestServer.Response other = server.get("/monitor/logs?user=ana", bia);
        assertEquals(403, other.status());
    }

    @Test
    void anAdminSeesEveryoneAndFilters() {
        assertEquals(6, server.get("/monitor/logs", admin).json().size());
        assertEquals(5, server.get("/monitor/logs?user=ana", admin).json().size());
        JsonNode s0 = server.get("/monitor/logs?student_id=S-0", admin).json();
        assertEquals(4, s0.size());
        s0.forEach(r -> assertEquals("S-0", r.get("student_id").asText()));
        assertEquals(0, server.get("/monitor/logs?from=2000-01-01&to=2000-02-01", admin).json().size());
        String from = URLEncoder.encode(Instant.now().minusSeconds(3600).toString(), StandardCharsets.UTF_8);
        assertEquals(6, server.get("/monitor/logs?from=" + from, admin).json().size());
    }

    @Test
    void pagesFollowTheCursorWithoutRepeats() {
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            TestServer.Response page = server.get("/monitor/logs?limit=4" + (cursor == null ? "" : "&cursor=" + cursor),
                    admin);
            assertEquals(200, page.status());
            page.json().forEach(r -> assertTrue(seen.add(r.get("prediction_id").asText()), "no record twice"));
            cursor = page.header(MonitorRoutes.NEXT_CURSOR);
            pages++;
        } while (cursor != null);
        assertEquals(2, pages);
        assertEquals(6, seen.size());
        assertNull(server.get("/monitor/logs", admin).header(MonitorRoutes.NEXT_CURSOR));
        assertNotNull(server.get("/monitor/logs?limit=1", admin).header(MonitorRoutes.NEXT_CURSOR));
    }

    @Test
    void badFiltersAre422LocatedInTheQuery() {
        TestServer.Response limit = server.get("/monitor/logs?limit=0", admin);
        assertEquals(422, limit.status());
        assertEquals("[\"query\",\"limit\"]", limit.json().get("detail").get(0).get("loc").toString());
        assertEquals(422, server.get("/monitor/logs?limit=5001", admin).status());
        assertEquals(422, server.get("/monitor/logs?limit=ten", admin).status());
        TestServer.Response several = server.get("/monitor/logs?from=yesterday&cursor=%25%25", admin);
        assertEquals(422, several.status());
        assertEquals(2, several.json().get("detail").size(), several.body());
        assertEquals("[\"query\",\"from\"]", several.json().get("detail").get(0).get("loc").toString());
        assertEquals("[\"query\",\"cursor\"]", several.json().get("detail").get(1).get("loc").toString());
        TestServer.Response order = server.get("/monitor/logs?from=2024-02-01&to=2024-01-01", admin);
        assertEquals(422, order.status());
        assertEquals("[\"query\",\"to\"]", order.json().get("detail").get(0).get("loc").toString());
    }

    @Test
    void storedStudentsAreListedAndAnUnreachableStoreGivesAnEmptyList() {
        server.features.put("RA-5", StudentFeatures.builder().fase(1).build());
        server.features.put("RA-3", StudentFeatures.builder().fase(1).build());
        TestServer.Response r = server.get("/monitor/features", ana);
        assertEquals(200, r.status());
        assertEquals("[\"RA-3\",\"RA-5\"]", r.body());
        server.features.down = true;
        try {
            TestServer.Response down = server.get("/monitor/features", ana);
            assertEquals(200, down.status());
            assertEquals("[]", down.body());
        } finally {
            server.features.down = false;
        }
    }
}
