package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.StudentFeatures;

/**
 * What the explainer compares a student with: the training mean of every model input (the
 * reference point of a linear model's exact contributions) and a background sample of students
 * (over which Kernel SHAP averages what the model would say with a feature "left out").
 *
 * @param source how it was made, for people ({@code "16 rows of the training data, seed 42"})
 * @param inputMeans the mean of each model input over the training rows, in input order; empty
 *     when not known
 * @param background students as the model receives them (raw values by feature name); at least one
 */
public record ExplanationReference(String source, List<Double> inputMeans, List<StudentFeatures> background) {

    public ExplanationReference {
        source = source == null ? "" : source;
        inputMeans = List.copyOf(Objects.requireNonNull(inputMeans, "inputMeans"));
        background = List.copyOf(Objects.requireNonNull(background, "background"));
        if (background.isEmpty()) {
            throw new IllegalArgumentException("an explanation reference needs at least one background student");
        }
        for (Double mean : inputMeans) {
            if (mean == null || !Double.isFinite(mean)) {
                throw new IllegalArgumentException("input means must be finite numbers, got " + inputMeans);
            }
        }
    }
}
