package org.magicsteps.core.usecase;

import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.Predictor;

/** Shows how one student's raw features become the model's input, without predicting. */
public final class ProcessFeatures {

    private final ServedModels models;

    /** Shows the input of one of the models served, the default unless the caller names another. */
    public ProcessFeatures(ServedModels models) {
        this.models = Objects.requireNonNull(models, "models");
    }

    /** Shows {@code predictor}'s input. */
    public ProcessFeatures(Predictor predictor) {
        this(ServedModels.of(predictor));
    }

    /**
     * For the default model.
     *
     * @throws ValidationException listing every violation, located under {@code features}
     */
    public ProcessedFeatures execute(Map<String, ?> rawFeatures) {
        return execute(null, rawFeatures);
    }

    /**
     * For the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws ValidationException listing every violation, located under {@code features}
     */
    public ProcessedFeatures execute(String model, Map<String, ?> rawFeatures) {
        try (ServedModels.Lease lease = models.lease(model)) {
            if (rawFeatures == null) {
                throw new ValidationException(
                        Violation.of("features", null, Violation.Kind.MISSING, "features: is required but missing"));
            }
            Predictor predictor = lease.predictor();
            Validation<StudentFeatures> parsed = predictor.schema().parse(rawFeatures);
            if (!parsed.isValid()) {
                throw new ValidationException(parsed.violations().stream().map(v -> v.under("features")).toList());
            }
            return predictor.process(parsed.value());
        }
    }
}
