package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.magicsteps.core.testing.Students;

/**
 * Fuzzes {@link FeatureSchema#parse}: whatever raw values a request or a sheet brings (any name,
 * numbers of every Java type and size, text, booleans, lists, nulls), it returns a {@link Validation}
 * and throws nothing; what it accepts passes the schema's own check and holds only finite numbers
 * and words; what it refuses it refuses with violations that name their feature.
 * {@code mvn verify} fuzzes it a few seconds; {@code -Pfuzz-long} longer (root pom).
 */
class FeatureSchemaFuzzTest {

    private static final FeatureSchema SCHEMA = Students.originalSchema();
    private static final List<String> NAMES = SCHEMA.names();
    private static final List<String> WORDS = List.of("a", "B", " menina ", "Ametista", "ÁGATA", "topázio", "", " ",
            "NaN", "Infinity", "-0", "1e309", "0x1A", "7d", "1,5", "\u0663", "\uff13");

    @FuzzTest
    void parseAnswersEveryInputWithFeaturesOrViolations(FuzzedDataProvider data) {
        Map<String, Object> raw = new LinkedHashMap<>();
        int count = data.consumeInt(0, 24);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(24);
            raw.put(name, value(data));
        }
        Validation<StudentFeatures> parsed = SCHEMA.parse(raw);
        assertNotNull(parsed);
        if (parsed.isValid()) {
            StudentFeatures student = parsed.value();
            assertTrue(SCHEMA.check(student).isEmpty(), "what parse accepts passes check: " + student);
            student.values().forEach((name, value) -> {
                assertTrue(NAMES.contains(name), "only the schema's features: " + name);
                assertTrue(value instanceof String || value instanceof Double d && Double.isFinite(d),
                        name + " is a word or a finite number: " + value);
            });
        } else {
            assertNull(parsed.value());
            assertFalse(parsed.violations().isEmpty());
            for (Violation v : parsed.violations()) {
                assertNotNull(v.field(), v.toString());
                assertTrue(v.message().startsWith(v.field() + ":"), "a message naming its field: " + v.message());
                assertEquals(v.field(), v.location().get(v.location().size() - 1), v.toString());
            }
        }
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 11)) {
            case 0 -> null;
            case 1 -> data.consumeRegularDouble();
            case 2 -> data.consumeDouble();
            case 3 -> data.consumeInt();
            case 4 -> data.consumeLong();
            case 5 -> data.consumeString(40);
            case 6 -> data.pickValue(WORDS);
            case 7 -> new BigDecimal(BigInteger.valueOf(data.consumeLong()), data.consumeInt(-400, 400));
            case 8 -> data.consumeBoolean();
            case 9 -> data.consumeFloat();
            case 10 -> new ArrayList<>(List.of(data.consumeInt()));
            default -> Map.of("value", data.consumeDouble());
        };
    }
}
