package org.magicsteps.model.training;

import java.util.List;

import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * Step 9: the shipped model. The preprocessing and the chosen candidate (same hyper-parameters,
 * same size) are fitted again on train + validation; the calibration and the threshold stay the
 * ones chosen on the validation split with the train-only model. The penalty is per row and the
 * number of boosting rounds fixed, so the refit's log-odds keep the scale the calibration was
 * fitted to; the test split measures whether that held (the report shows the test calibration
 * before and after).
 *
 * @param rows the rows it was fitted on
 * @param encoding the preprocessing fitted on them
 * @param raw the uncalibrated model
 * @param calibrated the same with the calibration folded in
 */
record Refit(List<Student> rows, Encoding encoding, LogOddsModel raw, LogOddsModel calibrated) {

    static Refit of(FeaturePlan plan, ModelSelection.Candidate winner, TrainingData data, long seed) {
        List<Student> rows = data.refitRows();
        Encoding encoding = Encoding.fit(plan, data.specs(), rows);
        LogOddsModel raw = winner.spec().refit(EncodedRows.of(encoding, rows), winner.fit().size(), seed);
        return new Refit(rows, encoding, raw, raw.scaled(winner.platt().scale(), winner.platt().shift()));
    }

    /** The probabilities the bundle serves for {@code students}: calibrated, clipped as the graph clips them. */
    double[] served(List<Student> students) {
        return served(calibrated, encoding, students);
    }

    /** The same without calibration (the clip kept), for the report's comparison. */
    double[] uncalibrated(List<Student> students) {
        return served(raw, encoding, students);
    }

    static double[] served(LogOddsModel model, Encoding encoding, List<Student> students) {
        double[] z = model.logOdds(encoding.encode(students));
        for (int i = 0; i < z.length; i++) {
            z[i] = ScoreGraph.probability(z[i]);
        }
        return z;
    }
}
