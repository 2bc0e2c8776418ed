package org.magicsteps.core.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One student's features on their way into the model: as given, after each feature's own
 * transform (scaling, category codes, imputation of what was missing), and the final input
 * vector the model sees (which may hold derived features too).
 *
 * @param raw the validated features as given
 * @param normalized each model feature after its transform, by name
 * @param inputNames the name of each position of {@code modelInput}
 * @param modelInput the numbers fed to the model, in order
 */
public record ProcessedFeatures(
        StudentFeatures raw,
        Map<String, Double> normalized,
        List<String> inputNames,
        List<Double> modelInput) {

    public ProcessedFeatures {
        Objects.requireNonNull(raw, "raw");
        normalized = Collections.unmodifiableMap(new LinkedHashMap<>(normalized));
        inputNames = List.copyOf(inputNames);
        modelInput = List.copyOf(modelInput);
        if (inputNames.size() != modelInput.size()) {
            throw new IllegalArgumentException(
                    inputNames.size() + " input names for " + modelInput.size() + " input values");
        }
    }
}
