package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.BatchPrediction;
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

    private final Scoring scoring;
    private final Clock clock;
    private final int maxBatchSize;

    /**
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictBatch(Predictor predictor, PredictionLog log, ReadThreshold readThreshold, Clock clock,
            int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        this.scoring = new Scoring(predictor, log, readThreshold, clock);
        this.clock = clock;
        this.maxBatchSize = maxBatchSize;
    }

    public int maxBatchSize() {
        return maxBatchSize;
    }

    /**
     * @throws ValidationException listing every violation, located under
     *     {@code students, <index>, features}, or at {@code students} when the batch is empty or
     *     larger than the limit
     */
    public BatchPrediction execute(Command command) {
        List<Student> students = command.students() == null ? List.of() : command.students();
        if (students.isEmpty()) {
            throw new ValidationException(Violation.of("students", 0, Kind.TOO_SHORT,
                    "students: a batch needs at least 1 student"));
        }
        if (students.size() > maxBatchSize) {
            throw new ValidationException(Violation.of("students", students.size(), Kind.TOO_LONG,
                    "students: a batch of " + students.size() + " students is above the limit of " + maxBatchSize));
        }
        List<Violation> violations = new ArrayList<>();
        List<StudentFeatures> features = new ArrayList<>(students.size());
        List<String> ids = new ArrayList<>(students.size());
        for (int i = 0; i < students.size(); i++) {
            Student student = students.get(i);
            if (student == null) {
                violations.add(new Violation(List.of("students", i), "students", null, Kind.MISSING,
                        "students[" + i + "]: is null, expected a student"));
                continue;
            }
            features.add(scoring.parse(student.studentId(), student.features(), violations, "students", i));
            ids.add(student.studentId());
        }
        ValidationException.throwIfAny(violations);
        String batchId = TimeOrderedIds.next(clock.instant());
        List<Prediction> predictions = scoring.scoreAndLog(command.user(), ids, features, batchId);
        return new BatchPrediction(batchId, predictions, predictions.get(0).timestamp());
    }
}
