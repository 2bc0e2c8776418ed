package org.magicsteps.core.domain;

/**
 * How far a probability is from the decision threshold, in the original service's words.
 * At a threshold of 0.5 this is exactly the original's rule; at another threshold the same
 * widths are measured from it, so "alta" always means "far from the line".
 */
public enum Confidence {
    ALTA("alta"),
    MEDIA("média"),
    BAIXA("baixa");

    /** Distances are compared with this slack so that 0.8 − 0.5 counts as 0.30 despite binary rounding. */
    private static final double SLACK = 1e-9;

    private final String label;

    Confidence(String label) {
        this.label = label;
    }

    /** The word clients see: {@code alta}, {@code média} or {@code baixa}. */
    public String label() {
        return label;
    }

    /** {@code alta} when |p − t| ≥ 0.30, {@code média} when ≥ 0.15, else {@code baixa}. */
    public static Confidence of(double probability, Threshold threshold) {
        double distance = Math.abs(probability - threshold.value()) + SLACK;
        if (distance >= 0.30) {
            return ALTA;
        }
        return distance >= 0.15 ? MEDIA : BAIXA;
    }

    /**
     * @throws IllegalArgumentException when {@code label} is none of the three words
     */
    public static Confidence fromLabel(String label) {
        for (Confidence c : values()) {
            if (c.label.equals(label)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown confidence label '" + label + "'");
    }
}
