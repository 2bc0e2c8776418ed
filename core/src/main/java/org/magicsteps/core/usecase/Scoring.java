package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.CheckedFeatures;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * What predicting one student and predicting a batch share: validate against the model's
 * schema, score the whole list in one model call, decide with that model's threshold, and log
 * the whole list in one append.
 */
final class Scoring {

    static final int MAX_STUDENT_ID_LENGTH = 128;

    private final PredictionLog log;
    private final ReadThreshold readThreshold;
    private final Clock clock;

    Scoring(PredictionLog log, ReadThreshold readThreshold, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The id of a new batch: time-ordered, as the predictions' ({@link TimeOrderedIds}). */
    String newBatchId() {
        return TimeOrderedIds.next(clock.instant());
    }

    /**
     * Parses one student's raw features, adding violations located under {@code prefix}; the
     * warnings its answer comes with (names ignored, values the model never saw in training) go to
     * {@code warnings}.
     */
    StudentFeatures parse(FeatureSchema schema, String studentId, Map<String, ?> raw, List<Violation> violations,
            List<FeatureWarning> warnings, Object... prefix) {
        checkStudentId(studentId, violations, prefix);
        if (raw == null) {
            violations.add(Violation.of("features", null, Kind.MISSING, "features: is required but missing").under(prefix));
            return null;
        }
        CheckedFeatures checked = schema.check(raw, MissingValues.REFUSE);
        Object[] featurePrefix = append(prefix, "features");
        checked.violations().forEach(v -> violations.add(v.under(featurePrefix)));
        warnings.addAll(checked.warnings());
        return checked.features();
    }

    static void checkStudentId(String studentId, List<Violation> violations, Object... prefix) {
        if (studentId != null && (studentId.isBlank() || studentId.length() > MAX_STUDENT_ID_LENGTH)) {
            violations.add(Violation.of("student_id", studentId, Kind.INVALID,
                    "student_id: must be 1 to " + MAX_STUDENT_ID_LENGTH + " characters, not blank").under(prefix));
        }
    }

    /**
     * Scores valid students in one model call and logs them in one append; each answer comes with
     * its student's {@code warnings} (the log keeps the features they are about).
     */
    List<Prediction> scoreAndLog(Predictor predictor, String user, List<String> studentIds,
            List<StudentFeatures> students, List<List<FeatureWarning>> warnings, String batchId) {
        double[] probabilities = predictor.probabilities(students);
        return decideAndLog(predictor.info(), probabilities, user, studentIds, students, warnings, batchId);
    }

    /**
     * Decides each probability with {@code model}'s threshold and logs the predictions in one
     * append, each with the features it was made from; the answers come without warnings.
     */
    List<Prediction> decideAndLog(ModelInfo model, double[] probabilities, String user, List<String> studentIds,
            List<StudentFeatures> features, String batchId) {
        return decideAndLog(model, probabilities, user, studentIds, features, null, batchId);
    }

    /** The same, each answer with its student's {@code warnings} ({@code null}: none). */
    private List<Prediction> decideAndLog(ModelInfo model, double[] probabilities, String user,
            List<String> studentIds, List<StudentFeatures> features, List<List<FeatureWarning>> warnings,
            String batchId) {
        ThresholdSetting threshold = readThreshold.inForce(model);
        Instant now = clock.instant();
        String modelVersion = model.version();
        List<Prediction> predictions = new ArrayList<>(probabilities.length);
        List<PredictionRecord> records = new ArrayList<>(probabilities.length);
        for (int i = 0; i < probabilities.length; i++) {
            Prediction prediction = Prediction.of(TimeOrderedIds.next(now), studentIds.get(i), probabilities[i],
                    threshold.threshold(), modelVersion, now);
            predictions.add(warnings == null ? prediction : prediction.withWarnings(warnings.get(i)));
            records.add(new PredictionRecord(prediction, user, features.get(i), batchId));
        }
        log.append(records);
        return predictions;
    }

    private static Object[] append(Object[] prefix, Object last) {
        Object[] path = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        path[prefix.length] = last;
        return path;
    }
}
