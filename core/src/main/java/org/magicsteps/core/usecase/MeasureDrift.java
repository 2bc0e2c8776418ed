package org.magicsteps.core.usecase;

import java.util.Map;
import java.util.Objects;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.port.Predictor;

/**
 * Compares a set of students (a sheet, a file) with what the model was trained on, feature by
 * feature. Rows are read one at a time and not kept, so the set may be as large as its source.
 */
public final class MeasureDrift {

    private final Predictor predictor;

    public MeasureDrift(Predictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    /**
     * @param source what the rows are, for the report (a file name)
     * @param rows each student's raw values by feature name, as read (values outside the model's
     *     validation rules are counted, not refused: they are what drift is about)
     */
    public DriftReport execute(String source, Iterable<? extends Map<String, ?>> rows) {
        DriftTally tally = new DriftTally(predictor.trainingReference());
        for (Map<String, ?> row : rows) {
            tally.add(row);
        }
        return new DriftReport(predictor.info().name(), predictor.info().version(), source, null, null, tally.rows(),
                tally.drifts());
    }
}
