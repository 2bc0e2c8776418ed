package org.magicsteps.core.domain;

/**
 * The decision threshold: a student is predicted to reach the Ponto de Virada when the
 * probability is at or above it.
 *
 * @param value between 0 and 1, inclusive
 */
public record Threshold(double value) {

    public Threshold {
        if (!Double.isFinite(value) || value < 0.0 || value > 1.0) {
            throw new ValidationException(Violation.of("threshold", value,
                    value < 0.0 ? Violation.Kind.BELOW_MINIMUM : Violation.Kind.ABOVE_MAXIMUM,
                    "threshold: " + Numbers.describe(value) + " is not between 0 and 1"));
        }
    }

    /** 1 when {@code probability} is at or above the threshold, else 0. */
    public int classify(double probability) {
        return probability >= value ? 1 : 0;
    }
}
