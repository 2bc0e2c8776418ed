package org.magicsteps.core.usecase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.magicsteps.core.domain.CheckedFeatures;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.MissingValues;
import org.magicsteps.core.domain.RowResult;
import org.magicsteps.core.domain.SheetSummary;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.RowSource;

/**
 * Fills the online feature store from a sheet: each row's features pass the model's rules (so
 * that a stored student can be predicted), each row names its student once, and the valid ones
 * are stored in batches. Under {@link OnError#FAIL} one bad row stores nothing.
 */
public final class LoadFeatures {

    /** How many students one write to the store carries. */
    public static final int BATCH = 1000;

    /**
     * @param rows the sheet
     * @param onError whether one rejected row stores nothing ({@link OnError#FAIL}) or is left out
     */
    public record Command(RowSource rows, OnError onError) {
        public Command {
            Objects.requireNonNull(rows, "rows");
            Objects.requireNonNull(onError, "onError");
        }
    }

    /**
     * The outcome.
     *
     * @param summary the rows by outcome and reason
     * @param stored how many students were stored
     */
    public record FeatureLoad(SheetSummary summary, long stored) {
    }

    private final FeatureSchema schema;
    private final FeatureStore store;

    /**
     * @param schema the rules of the model that will predict the stored students
     */
    public LoadFeatures(FeatureSchema schema, FeatureStore store) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Checks every row, hands each row's result to {@code each} in sheet order, and stores the
     * accepted students (none under {@link OnError#FAIL} when a row was rejected).
     *
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read or the store fails;
     *     students of earlier batches may then be stored
     */
    public FeatureLoad execute(Command command, Consumer<RowResult> each) {
        Objects.requireNonNull(each, "each");
        SheetTally tally = new SheetTally();
        Map<String, StudentFeatures> valid = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        RowSource source = command.rows();
        try (var rows = source.students()) {
            for (StudentRow row : (Iterable<StudentRow>) rows::iterator) {
                CheckedFeatures checked = schema.check(row, MissingValues.REFUSE);
                List<Violation> reasons = new ArrayList<>(checked.violations());
                String id = row.studentId();
                if (id == null) {
                    reasons.add(Violation.of("student_id", null, Kind.MISSING,
                            "no student id: the RA (or student_id) cell is empty"));
                } else if (firstLine.containsKey(id)) {
                    reasons.add(Violation.of("student_id", id, Kind.INVALID, id + " appears again (first on line "
                            + firstLine.get(id) + "); which row is right is not for this command to guess"));
                }
                RowResult result = reasons.isEmpty() ? SheetRows.accepted(row, checked)
                        : SheetRows.rejected(row, reasons);
                tally.count(result);
                each.accept(result);
                if (!result.isRejected()) {
                    // Only a stored row claims its id: a later valid row of the same student is then the duplicate.
                    firstLine.put(id, row.line());
                    valid.put(id, checked.features());
                }
            }
        }
        SheetSummary summary = tally.summary(source.source(), source.layout());
        if (command.onError() == OnError.FAIL && summary.rejected() > 0) {
            return new FeatureLoad(summary, 0);
        }
        Map<String, StudentFeatures> batch = new LinkedHashMap<>();
        for (Map.Entry<String, StudentFeatures> student : valid.entrySet()) {
            batch.put(student.getKey(), student.getValue());
            if (batch.size() == BATCH) {
                store.putAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            store.putAll(batch);
        }
        return new FeatureLoad(summary, valid.size());
    }
}
