package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.OpenAPIV3Parser;

/** {@code GET /thresholds/history} on the in-memory settings store, over the socket. */
class ThresholdHistoryTest {

    private static TestServer server;
    private static String user;
    private static String admin;

    @BeforeAll
    static void start() {
        server = new TestServer();
        user = server.userToken("lia");
        admin = server.adminToken("chefe");
        for (String value : List.of("0.41", "0.42", "0.43")) {
            TestServer.Response r = server.putJson("/thresholds", "{\"threshold\": " + value + "}", admin);
            assertEquals(200, r.status(), r.body());
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminReadsEveryChangeNewestFirst() {
        TestServer.Response r = server.get("/thresholds/history", admin);

        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(0.43, 0.42, 0.41), thresholds(r.json()));
        JsonNode newest = r.json().get(0);
        assertEquals("chefe", newest.get("updated_by").asText());
        assertEquals(TestModel.VERSION, newest.get("model_version").asText());
        assertEquals(server.get("/thresholds", admin).json(), newest, "the newest change is the one in force");
    }

    @Test
    void theLimitKeepsTheNewest() {
        TestServer.Response r = server.get("/thresholds/history?limit=2", admin);

        assertEquals(200, r.status(), r.body());
        assertEquals(List.of(0.43, 0.42), thresholds(r.json()));
    }

    @Test
    void onlyAdminsMayReadIt() {
        TestServer.Response plain = server.get("/thresholds/history", user);
        TestServer.Response anonymous = server.get("/thresholds/history", null);

        assertEquals(403, plain.status());
        assertTrue(plain.detail().contains("admin"), plain.body());
        assertEquals(401, anonymous.status());
    }

    @Test
    void aLimitOutOfBoundsOrNotANumberIs422NamingIt() {
        TestServer.Response zero = server.get("/thresholds/history?limit=0", admin);
        TestServer.Response tooMany = server.get("/thresholds/history?limit=1001", admin);
        TestServer.Response word = server.get("/thresholds/history?limit=many", admin);

        assertEquals(422, zero.status());
        assertEquals("{\"detail\":[{\"loc\":[\"query\",\"limit\"],\"msg\":\"limit: 0 is below the minimum 1\","
                + "\"type\":\"greater_than_equal\"}]}", zero.body());
        assertEquals(422, tooMany.status());
        assertEquals("{\"detail\":[{\"loc\":[\"query\",\"limit\"],\"msg\":\"limit: 1001 is above the maximum 1000\","
                + "\"type\":\"less_than_equal\"}]}", tooMany.body());
        assertEquals(422, word.status());
        assertEquals("{\"detail\":[{\"loc\":[\"query\",\"limit\"],\"msg\":\"limit: 'many' is not a whole number\","
                + "\"type\":\"int_from_float\"}]}", word.body());
        assertEquals(200, server.get("/thresholds/history?limit=1000", admin).status());
    }

    @Test
    void theOpenApiDocumentDescribesIt() {
        OpenAPI document = new OpenAPIV3Parser().readContents(server.get("/openapi.json", null).body()).getOpenAPI();
        Operation read = document.getPaths().get("/thresholds/history").getGet();

        assertEquals("limit", read.getParameters().get(0).getName());
        assertEquals("query", read.getParameters().get(0).getIn());
        assertEquals("array", read.getResponses().get("200").getContent().get("application/json").getSchema().getType());
        for (String status : List.of("401", "403", "422")) {
            assertTrue(read.getResponses().containsKey(status), status);
        }
    }

    private static List<Double> thresholds(JsonNode history) {
        List<Double> values = new ArrayList<>();
        history.forEach(change -> values.add(change.get("threshold").asDouble()));
        return values;
    }
}
