package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

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

    private final Scoring scoring;

    public PredictStudent(Predictor predictor, PredictionLog log, ReadThreshold readThreshold, Clock clock) {
        this.scoring = new Scoring(predictor, log, readThreshold, clock);
    }

    /**
     * Names that are not features of the model are ignored; the answer's warnings name them, and
     * every value the model never saw in training.
     *
     * @throws ValidationException listing every violation, located under {@code features}
     */
    public Prediction execute(Command command) {
        List<Violation> violations = new ArrayList<>();
        List<FeatureWarning> warnings = new ArrayList<>();
        StudentFeatures features = scoring.parse(command.studentId(), command.features(), violations, warnings);
        ValidationException.throwIfAny(violations);
        return scoring.scoreAndLog(command.user(), Collections.singletonList(command.studentId()), List.of(features),
                List.of(warnings), null).get(0);
    }
}
