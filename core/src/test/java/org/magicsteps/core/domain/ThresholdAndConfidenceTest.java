package org.magicsteps.core.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdAndConfidenceTest {

    @Test
    void aThresholdIsBetweenZeroAndOne() {
        assertEquals(0.0, new Threshold(0.0).value());
        assertEquals(1.0, new Threshold(1.0).value());
        ValidationException e = assertThrows(ValidationException.class, () -> new Threshold(1.5));
        assertEquals("threshold: 1.5 is not between 0 and 1", e.violations().get(0).message());
        assertEquals("threshold", e.violations().get(0).field());
        assertThrows(ValidationException.class, () -> new Threshold(-0.1));
        assertThrows(ValidationException.class, () -> new Threshold(Double.NaN));
    }

    @Test
    void theClassIsOneAtOrAboveTheThreshold() {
        Threshold t = new Threshold(0.35);
        assertEquals(1, t.classify(0.35));
        assertEquals(1, t.classify(0.9));
        assertEquals(0, t.classify(0.3499));
    }

    /** At 0.5 these are the original service's words and boundaries. */
    @ParameterizedTest
    @CsvSource({
        "0.5, 0.80, alta", "0.5, 0.20, alta", "0.5, 0.99, alta", "0.5, 0.01, alta",
        "0.5, 0.79, média", "0.5, 0.65, média", "0.5, 0.35, média", "0.5, 0.21, média",
        "0.5, 0.64, baixa", "0.5, 0.36, baixa", "0.5, 0.50, baixa",
        "0.2, 0.50, alta", "0.2, 0.35, média", "0.2, 0.05, média", "0.2, 0.00, média", "0.2, 0.34, baixa",
        "0.8, 0.50, alta", "0.8, 0.95, média", "0.8, 1.00, média", "0.8, 0.70, baixa"})
    void confidenceMeasuresTheDistanceFromTheThreshold(double threshold, double probability, String label) {
        assertEquals(label, Confidence.of(probability, new Threshold(threshold)).label());
    }

    @Test
    void labelsReadBack() {
        assertEquals(Confidence.MEDIA, Confidence.fromLabel("média"));
        assertThrows(IllegalArgumentException.class, () -> Confidence.fromLabel("media"));
    }

    @Test
    void aPredictionFollowsFromItsProbabilityAndThreshold() {
        Instant at = Instant.parse("2026-01-01T10:00:00.123456789Z");
        Prediction p = Prediction.of("id", "RA-1", 0.91, new Threshold(0.5), "1.0", at);

        assertEquals(1, p.predictedClass());
        assertEquals(Confidence.ALTA, p.confidence());
        assertEquals(Instant.parse("2026-01-01T10:00:00.123Z"), p.timestamp(), "kept to the millisecond, as stores do");
    }

    @Test
    void aPredictionRefusesContradictions() {
        Instant at = Instant.now();
        Threshold t = new Threshold(0.5);
        assertThrows(IllegalArgumentException.class, () -> new Prediction("id", null, 0.9, 0, Confidence.ALTA, at, "1", t));
        assertThrows(IllegalArgumentException.class, () -> new Prediction("id", null, 0.9, 1, Confidence.BAIXA, at, "1", t));
        assertThrows(IllegalArgumentException.class, () -> Prediction.of("id", null, 1.2, t, "1", at));
        assertThrows(IllegalArgumentException.class, () -> Prediction.of(" ", null, 0.2, t, "1", at));
    }
}
