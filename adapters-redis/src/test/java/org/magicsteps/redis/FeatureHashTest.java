package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;

/** The hash layout, without Redis: what goes in comes out, bit for bit. */
class FeatureHashTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void everyFiniteDoubleReadsBackBitForBit() {
        SplittableRandom random = new SplittableRandom(20260301);
        Map<String, Object> values = new LinkedHashMap<>();
        for (double edge : List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
                -Double.MAX_VALUE, 0.1 + 0.2, 2e-3, 1e23, 9_007_199_254_740_993.0)) {
            values.put("edge" + values.size(), edge);
        }
        while (values.size() < 50_000) {
            double d = Double.longBitsToDouble(random.nextLong()); // every exponent, not just [0, 1)
            if (Double.isFinite(d)) {
                values.put("random" + values.size(), d);
            }
        }
        StudentFeatures features = new StudentFeatures(values);

        StudentFeatures back = FeatureHash.decode(FeatureHash.encode(features, AT));

        values.forEach((name, value) -> assertEquals(Double.doubleToRawLongBits((Double) value),
                Double.doubleToRawLongBits(back.number(name).orElseThrow()), name));
    }

    @Test
    void theTypeIsInTheFieldNameAndTheValueIsPlain() {
        StudentFeatures features = StudentFeatures.builder().fase(3).turma("007").build();

        assertEquals(Map.of("m:written_at", "2026-03-01T12:00:00Z", "n:fase", "3.0", "s:turma", "007"),
                FeatureHash.encode(features, AT));
    }

    @Test
    void unknownMetadataIsSkippedSoNewerWritersStayReadable() {
        assertEquals(StudentFeatures.builder().fase(1).build(),
                FeatureHash.decode(Map.of("m:written_by", "v2", "n:fase", "1.0")));
    }

    @Test
    void aFieldWithoutATypePrefixIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureHash.decode(Map.of("fase", "1")));

        assertEquals("field 'fase' has none of the prefixes n:, s:, m:", e.getMessage());
    }

    @Test
    void aNonFiniteStoredNumberIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FeatureHash.decode(Map.of("n:fase", "NaN")));

        assertEquals("fase: NaN is not a finite number", e.getMessage());
    }
}
