package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.testing.Students;
import org.magicsteps.http.BadInputCase.Expected;
import org.magicsteps.http.BadInputCase.Outcome;

/**
 * Every route, every kind of bad input (issue 14): a table built by {@link BadInputCases} from the
 * server's own OpenAPI document and {@code /features}, sent over a real socket. A refusal is a 4xx
 * whose {@code detail} names the problem, never a 5xx; nothing of a refused request reaches the
 * prediction log or the server's log (no WARN, no ERROR); the server answers the next request. The
 * few valid inputs in the table (a bound itself, {@code -0}, numeric text, a category in capitals)
 * are answered and logged exactly once per prediction; an unknown feature is answered with a warning
 * that names it.
 */
class BadInputTest {

    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final int MAX_BATCH_SIZE = 5;
    private static final String STORED_STUDENT = "RA-STORED";
    /** What the server may copy into its answer's X-Request-Id: never what a client injected. */
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private static TestServer server;
    private static List<BadInputCase> cases;
    private static BadInputCases table;
    private static ListAppender<ILoggingEvent> serverLog;
    private static Level errorHandlingLevel;

    @BeforeAll
    static void start() throws java.io.IOException {
        server = new TestServer(s -> s.withMaxRequestBytes(MAX_BODY_BYTES), MAX_BATCH_SIZE);
        server.features.put(STORED_STUDENT, Students.student());
        String admin = server.adminToken("bad-input-admin");
        JsonNode document = server.get("/openapi.json", null).json();
        JsonNode features = server.get("/features", null).json();
        JsonNode model = server.get("/models", admin).json().get(0);
        Map<String, String> pathValues = Map.of("student_id", STORED_STUDENT, "name", model.get("name").asText(),
                "version", model.get("model_version").asText());
        // Which routes answer their own valid body here: each is sent once, before the table.
        Set<String> takingExamples = new TreeSet<>();
        BadInputCases probe = new BadInputCases(document, features, admin, pathValues, MAX_BATCH_SIZE, MAX_BODY_BYTES,
                op -> true);
        for (BadInputCases.Operation op : probe.operations()) {
            if (op.spec().path("requestBody").path("content").has("application/json")) {
                TestServer.Response r = BadRequest.of(op.method().toUpperCase(Locale.ROOT), probe.target(op))
                        .bearer(admin).json(TestServer.JSON.writeValueAsString(probe.validBody(op)))
                        .send(server.server.port());
                if (r.status() >= 200 && r.status() < 300) {
                    takingExamples.add(op.route());
                }
            }
        }
        table = new BadInputCases(document, features, admin, pathValues, MAX_BATCH_SIZE, MAX_BODY_BYTES,
                op -> takingExamples.contains(op.route()));
        cases = table.build();
        // The failure tests silence ErrorHandling (their 500s are on purpose); here a 500's log must show.
        Logger errorHandling = (Logger) LoggerFactory.getLogger(ErrorHandling.class);
        errorHandlingLevel = errorHandling.getLevel();
        errorHandling.setLevel(Level.ALL);
        serverLog = new ListAppender<>();
        serverLog.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(serverLog);
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(serverLog);
        ((Logger) LoggerFactory.getLogger(ErrorHandling.class)).setLevel(errorHandlingLevel);
        server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyKindOfBadInputOnEveryRoute() {
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    @Test
    void theTableHoldsAtLeast100KindsAndCoversEveryDocumentedRoute() {
        Set<String> kinds = cases.stream().map(BadInputCase::kind).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(kinds.size() >= 100, kinds.size() + " kinds: " + kinds);
        System.out.printf("bad-input table: %d requests, %d kinds, %d routes%n", cases.size(), kinds.size(),
                cases.stream().map(BadInputCase::route).distinct().count());
        Set<String> documented = table.operations().stream().map(BadInputCases.Operation::route)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> covered = cases.stream().filter(c -> c.expected().outcome() != Outcome.ACCEPTED)
                .map(BadInputCase::route).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented, covered, "every documented route gets bad input");
        JsonNode paths = server.get("/openapi.json", null).json().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (op.getValue().path("requestBody").path("content").has("application/json")) {
                assertTrue(op.getValue().path("responses").has("415"), "415 documented: " + path.getKey());
            }
        }));
        // The document is the server's own: every route the server registers is in it.
        Set<String> registered = server.server.routes().stream()
                .map(r -> r.method().name().toUpperCase(Locale.ROOT) + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(documented.containsAll(registered), "undocumented routes: " + minus(registered, documented));
        // Each family of kinds reached the routes it is meant for.
        for (String family : List.of("a required feature left out", "a number one step above its maximum",
                "an empty batch", "a CR LF in a student id", "a NUL byte in a username", "a form field left out",
                "a word where the query wants a number", "path traversal, percent-encoded, in a path parameter",
                "a CR inside a header value (header injection)", "a body past the limit, chunked")) {
            assertTrue(kinds.contains(family), "no case of: " + family);
        }
    }

    private static void check(BadInputCase c) {
        int logBefore = server.memoryLog.size();
        serverLog.list.clear();
        TestServer.Response r = c.request().send(server.server.port());
        String context = c + "\n" + c.request() + "\n→ " + r.status() + " " + abbreviated(r.body());
        assertTrue(r.status() < 500, "never a 5xx: " + context);
        assertFalse(r.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("X-Injected")),
                "no injected header: " + context);
        String requestId = r.header(MagicStepsServer.REQUEST_ID_HEADER);
        if (requestId != null) {
            assertTrue(SANE_REQUEST_ID.matcher(requestId).matches(), "request id as the server makes them: " + context);
        }
        boolean answered = r.status() >= 200 && r.status() < 300;
        Expected expected = c.expected();
        switch (expected.outcome()) {
            case REFUSED -> refused(r, expected, context);
            case ACCEPTED -> assertTrue(answered, "accepted: " + context);
            case WARNED -> {
                assertTrue(answered, "answered: " + context);
                // Every "warnings" of the answer: the prediction's, or each of a batch's.
                assertTrue(mentionsAny(r.json().findValues("warnings").toString(), expected.mentions()),
                        "answered, with a warning naming it: " + context);
            }
            case REFUSED_OR_ACCEPTED -> {
                if (!answered) {
                    refused(r, expected, context);
                }
            }
        }
        int logged = server.memoryLog.size() - logBefore;
        assertEquals(answered ? predictionsIn(r) : 0, logged, "logged once per answered prediction: " + context);
        List<ILoggingEvent> warnings = serverLog.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
        assertTrue(warnings.isEmpty(), "nothing logged for it: " + warnings + "\n" + context);
        TestServer.Response next = server.get("/health", null);
        assertEquals(200, next.status(), "the server answers the next request: " + context);
    }

    private static void refused(TestServer.Response r, Expected expected, String context) {
        assertTrue(r.status() >= 400 && r.status() < 500, "a 4xx: " + context);
        if (!expected.statuses().isEmpty()) {
            assertTrue(expected.statuses().contains(r.status()), "status " + expected.statuses() + ": " + context);
        }
        JsonNode body;
        try {
            body = TestServer.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            fail("a JSON body: " + context);
            return;
        }
        // FastAPI's "detail" on the original routes; the Open Inference Protocol's "error" on its /v2 routes.
        JsonNode reason = body.has("detail") ? body.get("detail") : body.get("error");
        assertNotNull(reason, "a detail: " + context);
        String detail = detailText(reason);
        assertFalse(detail.isBlank(), "a non-blank detail: " + context);
        assertFalse(detail.contains("Exception") || detail.contains("\tat "), "no stack trace: " + context);
        if (!expected.mentions().isEmpty()) {
            assertTrue(mentionsAny(detail, expected.mentions()), "detail names " + expected.mentions() + ": " + context);
        }
    }

    /** A string detail as it is; a 422's list as each item's location and message. */
    private static String detailText(JsonNode detail) {
        if (detail.isTextual()) {
            return detail.asText();
        }
        List<String> parts = new ArrayList<>();
        detail.forEach(item -> {
            item.path("loc").forEach(step -> parts.add(step.asText()));
            parts.add(item.path("msg").asText());
        });
        return String.join(" ", parts);
    }

    private static boolean mentionsAny(String text, List<String> mentions) {
        String lower = text.toLowerCase(Locale.ROOT);
        return mentions.isEmpty() || mentions.stream().anyMatch(m -> lower.contains(m.toLowerCase(Locale.ROOT)));
    }

    /** How many predictions an answer holds: one, a batch's, or none (a route that does not predict). */
    private static int predictionsIn(TestServer.Response r) {
        JsonNode body;
        try {
            body = TestServer.JSON.readTree(r.body());
        } catch (java.io.IOException notJson) {
            return 0;
        }
        if (body != null && body.has("prediction_id")) {
            return 1;
        }
        if (body != null && body.path("predictions").isArray() && body.has("batch_id")) {
            return body.get("predictions").size();
        }
        return 0;
    }

    private static String abbreviated(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }
}
