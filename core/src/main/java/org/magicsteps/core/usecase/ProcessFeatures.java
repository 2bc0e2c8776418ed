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

    private final Predictor predictor;

    public ProcessFeatures(Predictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /**
     * @throws ValidationException listing every violation, located under {@code features}
     */
    public ProcessedFeatures execute(Map<String, ?> rawFeatures) {
        if (rawFeatures == null) {
            throw new ValidationException(
                    Violation.of("features", null, Violation.Kind.MISSING, "features: is required but missing"));
        }
        Validation<StudentFeatures> parsed = predictor.schema().parse(rawFeatures);
        if (!parsed.isValid()) {
            throw new ValidationException(parsed.violations().stream().map(v -> v.under("features")).toList());
        }
        return predictor.process(parsed.value());
    }
}
