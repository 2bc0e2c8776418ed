package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a loaded model says about itself.
 *
 * @param name the model's name, such as {@code magic-steps-default}
 * @param version its version, recorded with every prediction
 * @param modelClass the kind of model, such as {@code LogisticRegression} or {@code MLP}
 * @param inputDimension the width of the model's input vector
 * @param parameterCount how many trained parameters it has
 * @param defaultThreshold the decision threshold its training chose
 * @param createdAt when it was trained or exported
 * @param metrics its held-out evaluation metrics by name (may be empty, never invented)
 * @param modelCard what it is for and how far to trust it, or {@code null} when the model carries none
 * @param heldOut what each threshold does on its held-out students, or {@code null} when the model
 *     carries no such measurement (an imported one)
 */
public record ModelInfo(
        String name,
        String version,
        String modelClass,
        int inputDimension,
        long parameterCount,
        Threshold defaultThreshold,
        Instant createdAt,
        Map<String, Double> metrics,
        ModelCard modelCard,
        HeldOutEvaluation heldOut) {

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelClass, "modelClass");
        Objects.requireNonNull(defaultThreshold, "defaultThreshold");
        Objects.requireNonNull(createdAt, "createdAt");
        if (inputDimension < 1) {
            throw new IllegalArgumentException("inputDimension must be positive, got " + inputDimension);
        }
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount must not be negative, got " + parameterCount);
        }
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
    }

    /** A model without a model card or a held-out measurement of its thresholds. */
    public ModelInfo(String name, String version, String modelClass, int inputDimension, long parameterCount,
            Threshold defaultThreshold, Instant createdAt, Map<String, Double> metrics) {
        this(name, version, modelClass, inputDimension, parameterCount, defaultThreshold, createdAt, metrics, null, null);
    }

    /** A model without a held-out measurement of its thresholds. */
    public ModelInfo(String name, String version, String modelClass, int inputDimension, long parameterCount,
            Threshold defaultThreshold, Instant createdAt, Map<String, Double> metrics, ModelCard modelCard) {
        this(name, version, modelClass, inputDimension, parameterCount, defaultThreshold, createdAt, metrics, modelCard,
                null);
    }

    /** The same model with what its thresholds do on its held-out students. */
    public ModelInfo withHeldOut(HeldOutEvaluation evaluation) {
        return new ModelInfo(name, version, modelClass, inputDimension, parameterCount, defaultThreshold, createdAt,
                metrics, modelCard, evaluation);
    }
}
