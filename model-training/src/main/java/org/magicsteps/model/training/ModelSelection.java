package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.magicsteps.model.evaluation.BinaryMetrics;

/**
 * Trains every point of a grid on the training split, with the preprocessing fitted on the
 * training split, and judges it on the validation split. Each candidate is calibrated on the
 * validation split ({@link PlattScaling}) and judged by the log-loss of its calibrated validation
 * probabilities; the lowest wins (among equals, the first in grid order). The two Platt
 * parameters are fitted on the same rows they are judged on, equally for every candidate, so the
 * comparison is fair though its figures are a little optimistic; the test split is what measures
 * the winner.
 */
final class ModelSelection {

    private ModelSelection() {
    }

    /**
     * One trained grid point.
     *
     * @param spec the grid point
     * @param fit what training on the training split gave (the uncalibrated model, its chosen size)
     * @param platt the calibration fitted on the validation split
     * @param rawValidationLogLoss the validation log-loss before calibration
     * @param validationLogLoss the validation log-loss after calibration (the criterion)
     * @param validationRocAuc the validation ROC-AUC (calibration does not change it)
     */
    record Candidate(ModelSpec spec, ModelSpec.Fit fit, PlattScaling platt, double rawValidationLogLoss,
            double validationLogLoss, double validationRocAuc) {

        /** The calibrated model trained on the training split. */
        LogOddsModel calibrated() {
            return fit.model().scaled(platt.scale(), platt.shift());
        }
    }

    /**
     * Every candidate of one search, with the encoding they were trained with.
     *
     * @param encoding the preprocessing fitted on the training split
     * @param candidates in grid order
     */
    record Search(Encoding encoding, List<Candidate> candidates) {
        Search {
            candidates = List.copyOf(candidates);
        }

        Candidate best() {
            return candidates.stream().min(Comparator.comparingDouble(Candidate::validationLogLoss)).orElseThrow();
        }

        /** The best candidate of each model class, best first. */
        List<Candidate> bestPerFamily() {
            List<Candidate> best = new ArrayList<>();
            candidates.stream().sorted(Comparator.comparingDouble(Candidate::validationLogLoss)).forEach(c -> {
                if (best.stream().noneMatch(b -> b.spec().modelClass().equals(c.spec().modelClass()))) {
                    best.add(c);
                }
            });
            return best;
        }
    }

    static Search search(FeaturePlan plan, List<ModelSpec> grid, TrainingData data, long seed) {
        Encoding encoding = Encoding.fit(plan, data.specs(), data.train());
        EncodedRows train = EncodedRows.of(encoding, data.train());
        EncodedRows validation = EncodedRows.of(encoding, data.validation());
        List<Candidate> candidates = new ArrayList<>();
        for (ModelSpec spec : grid) {
            if (spec.applicable(train)) {
                candidates.add(judge(spec, spec.fit(train, validation, seed), validation.x(), validation.y()));
            }
        }
        return new Search(encoding, candidates);
    }

    private static Candidate judge(ModelSpec spec, ModelSpec.Fit fit, float[][] validationX, boolean[] validationY) {
        double[] raw = fit.model().logOdds(validationX);
        PlattScaling platt = PlattScaling.fit(raw, validationY);
        double[] rawP = new double[raw.length];
        double[] calibratedP = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            rawP[i] = LogOddsModel.sigmoid(raw[i]);
            calibratedP[i] = LogOddsModel.sigmoid(platt.apply(raw[i]));
        }
        return new Candidate(spec, fit, platt, BinaryMetrics.logLoss(validationY, rawP),
                BinaryMetrics.logLoss(validationY, calibratedP), BinaryMetrics.rocAuc(validationY, rawP));
    }
}
