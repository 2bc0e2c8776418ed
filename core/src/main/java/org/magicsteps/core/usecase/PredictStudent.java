package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/** Predicts whether one student reaches the Ponto de Virada, and logs the prediction. */
public final class PredictStudent {

    /**
     * @param user who asks (recorded in the log)
     * @param studentId the student's id, or {@code null}
     * @param features the raw features by name, numbers or numeric text, words
     */
    public record Command(String user, String studentId, Map<String, ?> features) {

        public static Command of(String user, String studentId, StudentFeatures features) {
            return new Command(user, studentId, features.values());
        }
    }

    private final ServedModels models;
    private final Scoring scoring;

    /** Predicts with one of the models served, the default unless the caller names another. */
    public PredictStudent(ServedModels models, PredictionLog log, ReadThreshold readThreshold, Clock clock) {
        this.models = Objects.requireNonNull(models, "models");
        this.scoring = new Scoring(log, readThreshold, clock);
    }

    /** Predicts with {@code predictor} alone. */
    public PredictStudent(Predictor predictor, PredictionLog log, ReadThreshold readThreshold, Clock clock) {
        this(ServedModels.of(predictor), log, readThreshold, clock);
    }

    ServedModels models() {
        return models;
    }

    /**
     * Predicts with the default model. Names that are not features of the model are ignored; the
     * answer's warnings name them, and every value the model never saw in training.
     *
     * @throws ValidationException listing every violation, located under {@code features}
     */
    public Prediction execute(Command command) {
        return execute(null, command);
    }

    /**
     * Predicts with the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws ValidationException listing every violation of that model's rules, located under {@code features}
     */
    public Prediction execute(String model, Command command) {
        try (ServedModels.Lease lease = models.lease(model)) {
            Predictor predictor = lease.predictor();
            List<Violation> violations = new ArrayList<>();
            List<FeatureWarning> warnings = new ArrayList<>();
            StudentFeatures features = scoring.parse(predictor.schema(), command.studentId(), command.features(),
                    violations, warnings);
            ValidationException.throwIfAny(violations);
            return scoring.scoreAndLog(predictor, command.user(), Collections.singletonList(command.studentId()),
                    List.of(features), List.of(warnings), null).get(0);
        }
    }
}
