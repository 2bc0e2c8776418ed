package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.FeatureWarning;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * Predicts a batch of students: the whole batch is validated first (all violations of all
 * students in one answer), then scored in one model call and logged in one append.
 */
public final class PredictBatch {

    public static final int DEFAULT_MAX_BATCH_SIZE = 500;

    /** One student of a batch: an optional id and the raw features. */
    public record Student(String studentId, Map<String, ?> features) {
    }

    /** @param user who asks (recorded in the log) */
    public record Command(String user, List<Student> students) {
    }

    private final ServedModels models;
    private final Scoring scoring;
    private final int maxBatchSize;

    /**
     * Predicts with one of the models served, the default unless the caller names another.
     *
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictBatch(ServedModels models, PredictionLog log, ReadThreshold readThreshold, Clock clock,
            int maxBatchSize) {
        this.models = Objects.requireNonNull(models, "models");
        this.scoring = new Scoring(log, readThreshold, clock);
        this.maxBatchSize = requireLimit(maxBatchSize);
    }

    /**
     * Predicts with {@code predictor} alone.
     *
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictBatch(Predictor predictor, PredictionLog log, ReadThreshold readThreshold, Clock clock,
            int maxBatchSize) {
        this(ServedModels.of(predictor), log, readThreshold, clock, maxBatchSize);
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    /**
     * Predicts with the default model.
     *
     * @throws ValidationException listing every violation, located under
     *     {@code students, <index>, features}, or at {@code students} when the batch is empty or
     *     larger than the limit
     */
    public BatchPrediction execute(Command command) {
        return execute(null, command);
    }

    /**
     * Predicts with the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws ValidationException listing every violation of that model's rules, located under
     *     {@code students, <index>, features}, or at {@code students} when the batch is empty or
     *     larger than the limit
     */
    public BatchPrediction execute(String model, Command command) {
        List<Student> students = command.students() == null ? List.of() : command.students();
        try (ServedModels.Lease lease = models.lease(model)) {
            requireSize(students.size(), maxBatchSize);
            return predict(lease.predictor(), command.user(), students);
        }
    }

    /** @throws IllegalArgumentException when {@code maxBatchSize} is below 1 */
    static int requireLimit(int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        return maxBatchSize;
    }

    /** Refuses an empty batch, or one above {@code maxBatchSize}, at {@code students}. */
    static void requireSize(int size, int maxBatchSize) {
        if (size == 0) {
            throw new ValidationException(Violation.of("students", 0, Kind.TOO_SHORT,
                    "students: a batch needs at least 1 student"));
        }
        if (size > maxBatchSize) {
            throw new ValidationException(Violation.of("students", size, Kind.TOO_LONG,
                    "students: a batch of " + size + " students is above the limit of " + maxBatchSize));
        }
    }

    private BatchPrediction predict(Predictor predictor, String user, List<Student> students) {
        List<Violation> violations = new ArrayList<>();
        List<StudentFeatures> features = new ArrayList<>(students.size());
        List<String> ids = new ArrayList<>(students.size());
        List<List<FeatureWarning>> warnings = new ArrayList<>(students.size());
        for (int i = 0; i < students.size(); i++) {
            Student student = students.get(i);
            if (student == null) {
                violations.add(new Violation(List.of("students", i), "students", null, Kind.MISSING,
                        "students[" + i + "]: is null, expected a student"));
                continue;
            }
            List<FeatureWarning> own = new ArrayList<>();
            features.add(scoring.parse(predictor.schema(), student.studentId(), student.features(), violations, own,
                    "students", i));
            ids.add(student.studentId());
            warnings.add(own);
        }
        ValidationException.throwIfAny(violations);
        String batchId = scoring.newBatchId();
        List<Prediction> predictions = scoring.scoreAndLog(predictor, user, ids, features, warnings, batchId);
        return new BatchPrediction(batchId, predictions, predictions.get(0).timestamp());
    }
}
