package org.magicsteps.core.domain;

/** The kind of value a feature holds. */
public enum FeatureType {
    /** A whole number, such as the phase or the age. */
    INTEGER("int"),
    /** A real number, such as an indicator score. */
    FLOAT("float"),
    /** One of a set of words, such as the class letter or the gender. */
    CATEGORICAL("category");

    private final String label;

    FeatureType(String label) {
        this.label = label;
    }

    /** The short name clients see in the feature listing ({@code int}, {@code float}, {@code category}). */
    public String label() {
        return label;
    }

    public boolean isNumeric() {
        return this != CATEGORICAL;
    }
}
