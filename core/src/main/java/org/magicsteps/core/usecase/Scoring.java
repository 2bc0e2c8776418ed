package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.Validation;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * What predicting one student and predicting a batch share: validate, score the whole list in
 * one model call, and log the whole list in one append.
 */
final class Scoring {

    static final int MAX_STUDENT_ID_LENGTH = 128;

    private final Predictor predictor;
    private final PredictionLog log;
    private final ReadThreshold readThreshold;
    private final Clock clock;

    Scoring(Predictor predictor, PredictionLog log, ReadThreshold readThreshold, Clock clock) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        this.log = Objects.requireNonNull(log, "log");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    FeatureSchema schema() {
        return predictor.schema();
    }

    /** Parses one student's raw features, adding violations located under {@code prefix}. */
    StudentFeatures parse(String studentId, Map<String, ?> raw, List<Violation> violations, Object... prefix) {
        if (studentId != null && (studentId.isBlank() || studentId.length() > MAX_STUDENT_ID_LENGTH)) {
            violations.add(Violation.of("student_id", studentId, Kind.INVALID,
                    "student_id: must be 1 to " + MAX_STUDENT_ID_LENGTH + " characters, not blank").under(prefix));
        }
        if (raw == null) {
            violations.add(Violation.of("features", null, Kind.MISSING, "features: is required but missing").under(prefix));
            return null;
        }
        Validation<StudentFeatures> parsed = predictor.schema().parse(raw);
        Object[] featurePrefix = append(prefix, "features");
        parsed.violations().forEach(v -> violations.add(v.under(featurePrefix)));
        return parsed.value();
    }

    /** Scores valid students in one model call and logs them in one append. */
    List<Prediction> scoreAndLog(String user, List<String> studentIds, List<StudentFeatures> students,
            String batchId) {
        double[] probabilities = predictor.probabilities(students);
        ThresholdSetting threshold = readThreshold.current();
        Instant now = clock.instant();
        String modelVersion = predictor.info().version();
        List<Prediction> predictions = new ArrayList<>(students.size());
        List<PredictionRecord> records = new ArrayList<>(students.size());
        for (int i = 0; i < probabilities.length; i++) {
            Prediction prediction = Prediction.of(TimeOrderedIds.next(now), studentIds.get(i), probabilities[i],
                    threshold.threshold(), modelVersion, now);
            predictions.add(prediction);
            records.add(new PredictionRecord(prediction, user, students.get(i), batchId));
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
