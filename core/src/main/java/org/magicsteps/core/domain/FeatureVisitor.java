package org.magicsteps.core.domain;

/**
 * Receives students' features one value at a time, record after record, so that reading a large
 * part of the prediction log (to measure drift) builds no object per record. For each record every
 * feature it holds is given once, then {@link #endOfRecord()}; a feature a record lacks is not given.
 */
public interface FeatureVisitor {

    /** A numeric feature's value. */
    void number(String feature, double value);

    /** A categorical feature's value, lower-cased as {@link StudentFeatures} keeps it. */
    void word(String feature, String value);

    /** Every value of the current record has been given. */
    void endOfRecord();

    /** Gives every value of {@code features}, then ends the record. */
    default void visit(StudentFeatures features) {
        features.values().forEach((name, value) -> {
            if (value instanceof Double number) {
                number(name, number);
            } else {
                word(name, (String) value);
            }
        });
        endOfRecord();
    }
}
