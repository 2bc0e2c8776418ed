package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * Predicts a batch of students by id, from the features the online feature store holds for them:
 * one store read for the whole batch, one model call, one log append. A student the store does not
 * know, or whose stored features the model refuses, is reported by id; the others are answered.
 */
public final class PredictStoredStudents {

    /** A student of the batch that could not be predicted, and why. */
    public record Miss(String studentId, String reason) {
        public Miss {
            Objects.requireNonNull(studentId, "studentId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param batch the predictions, in the order asked; {@code null} when no student could be predicted
     * @param misses the students that could not be, in the order asked
     */
    public record Result(BatchPrediction batch, List<Miss> misses) {
        public Result {
            misses = List.copyOf(misses);
        }
    }

    private final FeatureStore featureStore;
    private final ServedModels models;
    private final Scoring scoring;
    private final int maxBatchSize;

    /**
     * Predicts with one of the models served, the default unless the caller names another.
     *
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictStoredStudents(FeatureStore featureStore, ServedModels models, PredictionLog log,
            ReadThreshold readThreshold, Clock clock, int maxBatchSize) {
        this.featureStore = Objects.requireNonNull(featureStore, "featureStore");
        this.models = Objects.requireNonNull(models, "models");
        this.scoring = new Scoring(log, readThreshold, clock);
        this.maxBatchSize = PredictBatch.requireLimit(maxBatchSize);
    }

    /**
     * Predicts with {@code predictor} alone.
     *
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictStoredStudents(FeatureStore featureStore, Predictor predictor, PredictionLog log,
            ReadThreshold readThreshold, Clock clock, int maxBatchSize) {
        this(featureStore, ServedModels.of(predictor), log, readThreshold, clock, maxBatchSize);
    }

    /**
     * Predicts with the default model.
     *
     * @param user who asks (recorded in the log)
     * @throws ValidationException when the list is missing, empty, longer than the limit, or holds a
     *     blank, over-long or repeated id (located under {@code student_ids}, index)
     * @throws org.magicsteps.core.port.PortException when the store, the model or the log fails
     */
    public Result execute(String user, List<String> studentIds) {
        return execute(null, user, studentIds);
    }

    /**
     * Predicts with the model served as {@code model} (the default when {@code null}).
     *
     * @param user who asks (recorded in the log)
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws ValidationException when the list is missing, empty, longer than the limit, or holds a
     *     blank, over-long or repeated id (located under {@code student_ids}, index)
     * @throws org.magicsteps.core.port.PortException when the store, the model or the log fails
     */
    public Result execute(String model, String user, List<String> studentIds) {
        try (ServedModels.Lease lease = models.lease(model)) {
            return predict(lease.predictor(), user, studentIds);
        }
    }

    private Result predict(Predictor predictor, String user, List<String> studentIds) {
        List<String> ids = checked(studentIds);
        Map<String, StudentFeatures> stored = featureStore.findAll(ids);
        List<Miss> misses = new ArrayList<>();
        List<String> found = new ArrayList<>(stored.size());
        List<StudentFeatures> features = new ArrayList<>(stored.size());
        List<List<FeatureWarning>> warnings = new ArrayList<>(stored.size());
        for (String id : ids) {
            StudentFeatures student = stored.get(id);
            if (student == null) {
                misses.add(new Miss(id, "no features stored for student '" + id + "'"));
                continue;
            }
            List<Violation> violations = new ArrayList<>();
            List<FeatureWarning> own = new ArrayList<>();
            StudentFeatures valid = scoring.parse(predictor.schema(), id, student.values(), violations, own);
            if (!violations.isEmpty()) {
                misses.add(new Miss(id, "the stored features do not pass the model's rules: "
                        + String.join("; ", violations.stream().map(Violation::message).toList())));
                continue;
            }
            found.add(id);
            features.add(valid);
            warnings.add(own);
        }
        if (found.isEmpty()) {
            return new Result(null, misses);
        }
        String batchId = scoring.newBatchId();
        List<Prediction> predictions = scoring.scoreAndLog(predictor, user, found, features, warnings, batchId);
        return new Result(new BatchPrediction(batchId, predictions, predictions.get(0).timestamp()), misses);
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    private List<String> checked(List<String> studentIds) {
        if (studentIds == null) {
            throw new ValidationException(Violation.of("student_ids", null, Kind.MISSING,
                    "student_ids: is required but missing"));
        }
        if (studentIds.isEmpty()) {
            throw new ValidationException(Violation.of("student_ids", 0, Kind.TOO_SHORT,
                    "student_ids: a batch needs at least 1 student"));
        }
        if (studentIds.size() > maxBatchSize) {
            throw new ValidationException(Violation.of("student_ids", studentIds.size(), Kind.TOO_LONG,
                    "student_ids: a batch of " + studentIds.size() + " students is above the limit of " + maxBatchSize));
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < studentIds.size(); i++) {
            String id = studentIds.get(i);
            String where = "student_ids[" + i + "]: ";
            if (id == null || id.isBlank() || id.length() > Scoring.MAX_STUDENT_ID_LENGTH) {
                violations.add(new Violation(List.of("student_ids", i), "student_ids", id, Kind.INVALID,
                        where + "must be 1 to " + Scoring.MAX_STUDENT_ID_LENGTH + " characters, not blank"));
            } else if (!seen.add(id)) {
                violations.add(new Violation(List.of("student_ids", i), "student_ids", id, Kind.INVALID,
                        where + "'" + id + "' is asked for more than once"));
            }
        }
        ValidationException.throwIfAny(violations);
        return List.copyOf(studentIds);
    }
}
