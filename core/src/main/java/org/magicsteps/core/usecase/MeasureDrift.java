package org.magicsteps.core.usecase;

import java.util.Objects;
import java.util.stream.Stream;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.StudentRow;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.RowSource;

/**
 * Compares a sheet of students with what the model was trained on, feature by feature. Rows are
 * read one at a time and not kept, so the sheet may be as large as its source; values the model's
 * rules would refuse are counted, not refused: they are what drift is about.
 */
public final class MeasureDrift {

    private final Predictor predictor;

    public MeasureDrift(Predictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /**
     * @throws ValidationException when the sheet has rows but none holds any of the model's features
     *     (it is not a sheet of the model's students)
     * @throws org.magicsteps.core.port.PortException when the sheet cannot be read to its end
     */
    public DriftReport execute(RowSource rows) {
        DriftTally tally = new DriftTally(predictor.trainingReference());
        try (Stream<StudentRow> students = rows.students()) {
            students.forEach(row -> tally.add(row.features()));
        }
        DriftReport report = new DriftReport(predictor.info().name(), predictor.info().version(), rows.source(), null,
                null, tally.rows(), tally.drifts());
        if (report.rows() > 0 && report.features().stream().allMatch(f -> f.missing() == f.rows())) {
            throw new ValidationException(Violation.of("data", rows.source(), Kind.INVALID, rows.source()
                    + ": no row holds any of the model's features (" + String.join(", ", predictor.schema().names())
                    + "); is it a sheet of PEDE students?"));
        }
        return report;
    }
}
