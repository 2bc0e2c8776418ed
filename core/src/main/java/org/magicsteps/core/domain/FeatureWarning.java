package org.magicsteps.core.domain;

import java.util.Objects;

/**
 * Something about one feature of an accepted student that the answer should come with: the model
 * never saw such a value in training, the value was missing and the training's stand-in was used,
 * or the name is not a feature of the model and was ignored. The student is still scored.
 *
 * @param feature the feature's name as given
 * @param value the value given (for a stand-in, the value that was used), or {@code null}
 * @param trainedRange what the model saw in training ({@link TrainedValues#text()}), or
 *     {@code null} for a name the model does not know
 * @param kind what the warning is about
 * @param message a sentence naming the feature, the value and what it means
 */
public record FeatureWarning(String feature, Object value, String trainedRange, Kind kind, String message) {

    /** What a warning is about. */
    public enum Kind {
        /** Accepted, but outside what the model saw in training: the model extrapolates. */
        OUTSIDE_TRAINED_RANGE,
        /** Missing; the model's training stand-in (median or mode) was used. */
        STOOD_IN,
        /** Not a feature of this model; ignored. */
        UNKNOWN_FEATURE
    }

    public FeatureWarning {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    /** {@code value} is accepted but outside what training saw. */
    public static FeatureWarning outsideTraining(String feature, Object value, TrainedValues trained) {
        return new FeatureWarning(feature, value, trained.text(), Kind.OUTSIDE_TRAINED_RANGE, feature + ": "
                + Numbers.describe(value) + " is outside what the model saw in training (" + trained.text() + ")");
    }

    /** {@code feature} was missing and training's stand-in was used. */
    public static FeatureWarning stoodIn(String feature, TrainedValues trained) {
        return new FeatureWarning(feature, trained.standIn(), trained.text(), Kind.STOOD_IN, feature
                + ": missing; scored with the training's stand-in " + Numbers.describe(trained.standIn()));
    }

    /** {@code feature} is not a feature of the model and was ignored. */
    public static FeatureWarning unknown(String feature, Object value) {
        return new FeatureWarning(feature, value, null, Kind.UNKNOWN_FEATURE,
                feature + ": is not a feature of this model; ignored");
    }

    /** A short form for one cell: {@code ano_ingresso=2023 (trained 2016–2022)}. */
    public String shortText() {
        return switch (kind) {
            case OUTSIDE_TRAINED_RANGE -> feature + "=" + Numbers.describe(value) + " (trained " + trainedRange + ")";
            case STOOD_IN -> feature + " missing (used " + Numbers.describe(value) + ")";
            case UNKNOWN_FEATURE -> feature + " ignored";
        };
    }
}
