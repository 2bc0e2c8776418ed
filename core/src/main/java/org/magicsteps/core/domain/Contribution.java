package org.magicsteps.core.domain;

import java.util.Objects;

/**
 * How much one feature moved one student's log-odds away from the model's base value.
 *
 * @param feature the feature's canonical name
 * @param value the student's value as the model received it ({@link Double} or lower-cased
 *     word), or {@code null} when it was absent and the model imputed it
 * @param contribution the change in log-odds this feature accounts for: positive raises the
 *     chance of reaching the Ponto de Virada, negative lowers it
 * @param reason one short sentence in Portuguese for the NGO's staff, e.g.
 *     {@code "IPV 7,3 abaixo do típico (7,8): reduz a chance"}
 */
public record Contribution(String feature, Object value, double contribution, String reason) {

    /** Below this many log-odds (in absolute value) a feature "almost does not change" the chance. */
    public static final double NEGLIGIBLE = 0.01;

    public Contribution {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature must not be blank");
        }
        if (value != null && !(value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException(feature + ": a value is a Double or a word, not "
                    + value.getClass().getSimpleName());
        }
        if (!Double.isFinite(contribution)) {
            throw new IllegalArgumentException(feature + ": contribution " + contribution + " is not finite");
        }
        Objects.requireNonNull(reason, "reason");
    }

    /** Whether this feature almost does not change the chance: less than {@link #NEGLIGIBLE} log-odds either way. */
    public boolean negligible() {
        return Math.abs(contribution) < NEGLIGIBLE;
    }
}
