package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * The {@code type} of each item of a 422, as clients of the original (pydantic) service read it:
 * every rule an input can break keeps its name, and whole bodies stay the same to the byte.
 */
class ValidationErrorTypesTest {

    private static TestServer server;
    private static String token;

    @BeforeAll
    static void start() {
        server = new TestServer(s -> s, 2);
        token = server.userToken("vera");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRuleHasThePydanticName() {
        Map<Kind, String> expected = new EnumMap<>(Kind.class);
        expected.put(Kind.MISSING, "missing");
        expected.put(Kind.NOT_A_NUMBER, "number_type");
        expected.put(Kind.NOT_A_WHOLE_NUMBER, "int_from_float");
        expected.put(Kind.NOT_TEXT, "string_type");
        expected.put(Kind.BELOW_MINIMUM, "greater_than_equal");
        expected.put(Kind.ABOVE_MAXIMUM, "less_than_equal");
        expected.put(Kind.NOT_ALLOWED, "enum");
        expected.put(Kind.UNKNOWN_FIELD, "extra_forbidden");
        expected.put(Kind.TOO_SHORT, "too_short");
        expected.put(Kind.TOO_LONG, "too_long");
        expected.put(Kind.INVALID, "value_error");

        Map<Kind, String> actual = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            actual.put(kind, ErrorBodies.type(kind));
        }

        assertEquals(expected, actual);
    }

    /**
     * The body the original answered, less the {@code extra_forbidden} item: since issue 9 a name that
     * is not a feature ({@code shoe_size}) is ignored and named in the answer's warnings, as the
     * original service (pydantic's default) ignored it.
     */
    @Test
    void aStudentBreakingEightRulesGetsTheSameBodyAsBefore() {
        String features = TestModel.studentJson(11.2)
                .replace("\"fase\": 3", "\"fase\": 2.5")
                .replace("\"idade\": 12,", "")
                .replace("\"score_iaa\": 8.3", "\"score_iaa\": true")
                .replace("\"score_ieg\": 7.9", "\"score_ieg\": -1")
                .replace("\"turma\": \"B\"", "\"turma\": 3")
                .replace("\"genero\": \"Menina\"", "\"genero\": \"x\"")
                .replace("{", "{\"shoe_size\": 42, ");
        TestServer.Response r = server.postJson("/predict",
                "{\"student_id\": \"\", \"features\": " + features + "}", token);

        assertEquals(422, r.status(), r.body());
        assertEquals(new TreeSet<>(java.util.List.of("enum", "greater_than_equal",
                "int_from_float", "less_than_equal", "missing", "number_type", "string_type", "value_error")),
                types(r.json()));
        assertEquals("{\"detail\":["
                + "{\"loc\":[\"body\",\"student_id\"],\"msg\":\"student_id: must be 1 to 128 characters, not blank\","
                + "\"type\":\"value_error\"},"
                + "{\"loc\":[\"body\",\"features\",\"score_iaa\"],\"msg\":\"score_iaa: true is not a number\","
                + "\"type\":\"number_type\"},"
                + "{\"loc\":[\"body\",\"features\",\"turma\"],\"msg\":\"turma: 3 is not a word\","
                + "\"type\":\"string_type\"},"
                + "{\"loc\":[\"body\",\"features\",\"fase\"],\"msg\":\"fase: 2.5 is not a whole number\","
                + "\"type\":\"int_from_float\"},"
                + "{\"loc\":[\"body\",\"features\",\"idade\"],\"msg\":\"idade: is required but missing\","
                + "\"type\":\"missing\"},"
                + "{\"loc\":[\"body\",\"features\",\"score_inde\"],\"msg\":\"score_inde: 11.2 is above the maximum 10\","
                + "\"type\":\"less_than_equal\"},"
                + "{\"loc\":[\"body\",\"features\",\"score_ieg\"],\"msg\":\"score_ieg: -1 is below the minimum 0\","
                + "\"type\":\"greater_than_equal\"},"
                + "{\"loc\":[\"body\",\"features\",\"genero\"],\"msg\":\"genero: 'x' is not one of [menina, menino]\","
                + "\"type\":\"enum\"}]}", r.body());
    }

    @Test
    void batchesTooShortOrTooLongGetTheSameBodiesAsBefore() {
        TestServer.Response empty = server.postJson("/predict/batch", "{\"students\": []}", token);
        String one = "{\"features\": " + TestModel.studentJson(5) + "}";
        TestServer.Response three = server.postJson("/predict/batch",
                "{\"students\": [" + one + "," + one + "," + one + "]}", token);

        assertEquals(422, empty.status(), empty.body());
        assertEquals("{\"detail\":[{\"loc\":[\"body\",\"students\"],\"msg\":\"students: a batch needs at least 1 student\","
                + "\"type\":\"too_short\"}]}", empty.body());
        assertEquals(422, three.status(), three.body());
        assertEquals("{\"detail\":[{\"loc\":[\"body\",\"students\"],\"msg\":\"students: a batch of 3 students"
                + " is above the limit of 2\",\"type\":\"too_long\"}]}", three.body());
    }

    private static TreeSet<String> types(JsonNode body) {
        TreeSet<String> types = new TreeSet<>();
        body.get("detail").forEach(item -> types.add(item.get("type").asText()));
        return types;
    }
}
