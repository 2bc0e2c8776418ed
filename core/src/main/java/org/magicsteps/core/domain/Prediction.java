package org.magicsteps.core.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The answer for one student.
 *
 * @param predictionId unique id of this prediction, the key of its log record
 * @param studentId the student's id when the caller gave one, else {@code null}
 * @param probability probability of reaching the Ponto de Virada, 0–1
 * @param predictedClass 1 when {@code probability} is at or above {@code threshold}, else 0
 * @param confidence how far {@code probability} is from {@code threshold}
 * @param timestamp when it was made (millisecond precision, as stores keep it)
 * @param modelVersion the version of the model that made it
 * @param threshold the decision threshold in force when it was made
 * @param warnings what the answer comes with about the features it was made from (values the
 *     model never saw in training, names it ignored); part of the answer, not of the log record,
 *     which keeps the features themselves
 */
public record Prediction(
        String predictionId,
        String studentId,
        double probability,
        int predictedClass,
        Confidence confidence,
        Instant timestamp,
        String modelVersion,
        Threshold threshold,
        List<FeatureWarning> warnings) {

    public Prediction {
        requireText(predictionId, "predictionId");
        requireText(modelVersion, "modelVersion");
        Objects.requireNonNull(confidence, "confidence");
        // Stores keep milliseconds; truncating here makes a stored prediction equal the one answered.
        timestamp = Objects.requireNonNull(timestamp, "timestamp").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(threshold, "threshold");
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability " + probability + " is not between 0 and 1");
        }
        if (predictedClass != threshold.classify(probability)) {
            throw new IllegalArgumentException("class " + predictedClass + " contradicts probability "
                    + probability + " at threshold " + threshold.value());
        }
        if (confidence != Confidence.of(probability, threshold)) {
            throw new IllegalArgumentException("confidence " + confidence + " contradicts probability "
                    + probability + " at threshold " + threshold.value());
        }
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A prediction without warnings, as the log keeps it. */
    public Prediction(String predictionId, String studentId, double probability, int predictedClass,
            Confidence confidence, Instant timestamp, String modelVersion, Threshold threshold) {
        this(predictionId, studentId, probability, predictedClass, confidence, timestamp, modelVersion, threshold,
                List.of());
    }

    /** The same prediction, answered with {@code list}. */
    public Prediction withWarnings(List<FeatureWarning> list) {
        return new Prediction(predictionId, studentId, probability, predictedClass, confidence, timestamp,
                modelVersion, threshold, list);
    }

    /** A prediction whose class and confidence follow from {@code probability} and {@code threshold}. */
    public static Prediction of(String predictionId, String studentId, double probability, Threshold threshold,
            String modelVersion, Instant timestamp) {
        return new Prediction(predictionId, studentId, probability, threshold.classify(probability),
                Confidence.of(probability, threshold), timestamp, modelVersion, threshold);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
