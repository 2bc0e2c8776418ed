package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.PredictionLog;

/**
 * Predicts a batch of students that the caller has already encoded into the model's own input
 * rows (as {@code /features/process} shows them): no schema to check, but the same limits,
 * threshold and log as {@link PredictBatch}. Each record logs the row it was made from, by
 * column name.
 */
public final class PredictEncodedBatch {

    /**
     * @param user who asks (recorded in the log)
     * @param rows row-major, the model input's width of numbers per student
     * @param studentIds one id (or {@code null}) per row, or {@code null} for none at all
     */
    public record Command(String user, float[] rows, List<String> studentIds) {

        public Command {
            Objects.requireNonNull(rows, "rows");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Command c && Objects.equals(user, c.user) && Arrays.equals(rows, c.rows)
                    && Objects.equals(studentIds, c.studentIds);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, Arrays.hashCode(rows), studentIds);
        }

        @Override
        public String toString() {
            return "Command[user=" + user + ", " + rows.length + " values, studentIds=" + studentIds + "]";
        }
    }

    private final ServedModels models;
    private final Scoring scoring;
    private final int maxBatchSize;

    /**
     * @throws IllegalArgumentException when {@code maxBatchSize} is below 1
     */
    public PredictEncodedBatch(ServedModels models, PredictionLog log, ReadThreshold readThreshold, Clock clock,
            int maxBatchSize) {
        this.models = Objects.requireNonNull(models, "models");
        this.scoring = new Scoring(log, readThreshold, clock);
        this.maxBatchSize = PredictBatch.requireLimit(maxBatchSize);
    }

    /**
     * Predicts with the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws ValidationException at {@code rows} when the model takes no encoded rows, the values
     *     do not make whole rows or one is not finite; at {@code students} when there are no rows
     *     or more than the limit; at {@code student_id} when an id is blank or too long
     */
    public BatchPrediction execute(String model, Command command) {
        try (ServedModels.Lease lease = models.lease(model)) {
            EncodedInput encoded = lease.predictor().encodedInput().orElseThrow(() -> new ValidationException(
                    Violation.of("rows", null, Kind.INVALID, "rows: model '" + lease.name()
                            + "' takes no encoded rows; send its features by name")));
            ModelInput input = encoded.input();
            float[] rows = command.rows();
            if (rows.length % input.width() != 0) {
                throw new ValidationException(Violation.of("rows", rows.length, Kind.INVALID, "rows: " + rows.length
                        + " values do not make whole rows of " + input.width() + " (the width of input '"
                        + input.name() + "')"));
            }
            int count = rows.length / input.width();
            PredictBatch.requireSize(count, maxBatchSize);
            List<String> ids = command.studentIds() == null ? java.util.Collections.nCopies(count, null)
                    : command.studentIds();
            List<Violation> violations = check(rows, input, ids, count);
            ValidationException.throwIfAny(violations);
            double[] probabilities = encoded.probabilities(rows);
            String batchId = scoring.newBatchId();
            List<Prediction> predictions = scoring.decideAndLog(lease.predictor().info(), probabilities,
                    command.user(), ids, logged(rows, input, count), batchId);
            return new BatchPrediction(batchId, predictions, predictions.get(0).timestamp());
        }
    }

    private static List<Violation> check(float[] rows, ModelInput input, List<String> ids, int count) {
        List<Violation> violations = new ArrayList<>();
        if (ids.size() != count) {
            violations.add(Violation.of("student_id", ids.size(), Kind.INVALID, "student_id: " + ids.size()
                    + " ids for " + count + " rows"));
        }
        for (int i = 0; i < Math.min(ids.size(), count); i++) {
            Scoring.checkStudentId(ids.get(i), violations, "students", i);
        }
        for (int i = 0; i < rows.length; i++) {
            if (!Float.isFinite(rows[i])) {
                int row = i / input.width();
                String column = input.columns().get(i % input.width());
                violations.add(new Violation(List.of("rows", row, column), column, rows[i], Kind.NOT_A_NUMBER,
                        "rows[" + row + "]: " + column + ": " + rows[i] + " is not a finite number"));
            }
        }
        return violations;
    }

    private static List<StudentFeatures> logged(float[] rows, ModelInput input, int count) {
        List<StudentFeatures> features = new ArrayList<>(count);
        for (int row = 0; row < count; row++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int column = 0; column < input.width(); column++) {
                values.put(input.columns().get(column), (double) rows[row * input.width() + column]);
            }
            features.add(new StudentFeatures(values));
        }
        return features;
    }
}
