package org.magicsteps.core.domain;

/**
 * How far a feature's distribution has moved from its training reference, by the population
 * stability index and the usual rule of thumb: below 0.1 stable, 0.1 to 0.25 moderate, above
 * 0.25 major.
 */
public enum DriftLevel {
    STABLE("stable"),
    MODERATE("moderate"),
    MAJOR("major");

    /** PSI below this is stable. */
    public static final double MODERATE_FROM = 0.1;
    /** PSI above this is major. */
    public static final double MAJOR_ABOVE = 0.25;

    private final String label;

    DriftLevel(String label) {
        this.label = label;
    }

    /** The word reports use. */
    public String label() {
        return label;
    }

    /** The level of a population stability index. */
    public static DriftLevel of(double psi) {
        if (psi < MODERATE_FROM) {
            return STABLE;
        }
        return psi <= MAJOR_ABOVE ? MODERATE : MAJOR;
    }
}
