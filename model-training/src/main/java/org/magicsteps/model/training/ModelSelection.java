package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * Trains every point of a grid on the training split, with the preprocessing fitted on the
 * training split, and judges it on the validation split; {@link #searchByCrossValidation} chooses
 * among the same points (and, for boosted trees, among several numbers of rounds) by repeated
 * cross-validation inside the training split instead, which a 138-row validation split with 18
 * positives cannot match for noise. Each candidate is calibrated on the
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
            double validationLogLoss, double validationRocAuc, CvScore cv) {

        Candidate(ModelSpec spec, ModelSpec.Fit fit, PlattScaling platt, double rawValidationLogLoss,
                double validationLogLoss, double validationRocAuc) {
            this(spec, fit, platt, rawValidationLogLoss, validationLogLoss, validationRocAuc, null);
        }

        /** The selection criterion: the cross-validated one when there is one, else the validation log-loss. */
        double criterion() {
            return cv == null ? validationLogLoss : cv.logLoss();
        }

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
            return candidates.stream().min(Comparator.comparingDouble(Candidate::criterion)).orElseThrow();
        }

        /** The best candidate of each model class, best first. */
        List<Candidate> bestPerFamily() {
            List<Candidate> best = new ArrayList<>();
            candidates.stream().sorted(Comparator.comparingDouble(Candidate::criterion)).forEach(c -> {
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

    /**
     * The cross-validated score of one grid point at one size.
     *
     * @param logLoss the mean over the repeats of the out-of-fold log-loss after a Platt map fitted on that
     *     repeat's pooled out-of-fold log-odds (the criterion)
     * @param rocAuc the mean ROC-AUC of the held-out folds, over every fold of every repeat
     * @param rocAucSd their standard deviation
     * @param folds how many held-out folds that is (folds × repeats)
     */
    record CvScore(double logLoss, double rocAuc, double rocAucSd, int folds) {
    }

    /** How the cross-validated search divides the training split. */
    static final int SELECTION_FOLDS = 5;
    static final int SELECTION_REPEATS = 2;

    /**
     * Chooses by {@value #SELECTION_REPEATS} × {@value #SELECTION_FOLDS}-fold stratified cross-validation
     * inside the training split (preprocessing refitted in every fold; folds drawn with {@code seed + 100 +
     * repeat}, apart from the stability folds): every grid point, and every boosted family at each of its
     * {@link ModelSpec#sizes() sizes}. Each candidate is also trained on the whole training split at its
     * size, calibrated on the validation split and judged there as in {@link #search}, so that the rest of
     * the pipeline (threshold, calibration, report) reads the same figures; only the choice differs.
     */
    static Search searchByCrossValidation(FeaturePlan plan, List<ModelSpec> grid, TrainingData data, long seed) {
        Encoding encoding = Encoding.fit(plan, data.specs(), data.train());
        EncodedRows train = EncodedRows.of(encoding, data.train());
        EncodedRows validation = EncodedRows.of(encoding, data.validation());
        List<ModelSpec> applicable = grid.stream().filter(spec -> spec.applicable(train)).toList();

        List<Student> all = data.all();
        List<Integer> trainRows = data.split().train();
        boolean[] targets = data.sheet().targets();
        // oof[spec][size][repeat][row of the training split]: each row's log-odds when its fold was held out.
        double[][][][] oof = new double[applicable.size()][][][];
        for (int g = 0; g < applicable.size(); g++) {
            oof[g] = new double[applicable.get(g).sizes().size()][SELECTION_REPEATS][trainRows.size()];
        }
        List<List<List<Double>>> foldAucs = new ArrayList<>();
        for (ModelSpec spec : applicable) {
            List<List<Double>> bySize = new ArrayList<>();
            spec.sizes().forEach(size -> bySize.add(new ArrayList<>()));
            foldAucs.add(bySize);
        }
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < trainRows.size(); i++) {
            position.put(trainRows.get(i), i);
        }
        for (int repeat = 0; repeat < SELECTION_REPEATS; repeat++) {
            for (List<Integer> heldOut : StratifiedSplit.folds(targets, trainRows, SELECTION_FOLDS,
                    seed + 100 + repeat)) {
                Set<Integer> held = Set.copyOf(heldOut);
                List<Student> fitRows = TrainingData.rows(all, trainRows.stream().filter(i -> !held.contains(i))
                        .toList());
                List<Student> judgeRows = TrainingData.rows(all, heldOut);
                Encoding foldEncoding = Encoding.fit(plan, data.specs(), fitRows);
                EncodedRows fit = EncodedRows.of(foldEncoding, fitRows);
                if (applicable.stream().anyMatch(spec -> !spec.applicable(fit))) {
                    throw new IllegalStateException("a fold of the training split breaks the IPV rule its whole "
                            + "split holds");
                }
                float[][] judgeX = foldEncoding.encode(judgeRows);
                boolean[] judgeY = TrainingData.targetsOf(judgeRows);
                for (int g = 0; g < applicable.size(); g++) {
                    List<LogOddsModel> models = applicable.get(g).refitAtSizes(fit, seed);
                    for (int k = 0; k < models.size(); k++) {
                        double[] z = models.get(k).logOdds(judgeX);
                        for (int r = 0; r < heldOut.size(); r++) {
                            oof[g][k][repeat][position.get(heldOut.get(r))] = z[r];
                        }
                        foldAucs.get(g).get(k).add(BinaryMetrics.rocAuc(judgeY, z));
                    }
                }
            }
        }

        boolean[] trainY = train.y();
        List<Candidate> candidates = new ArrayList<>();
        for (int g = 0; g < applicable.size(); g++) {
            ModelSpec spec = applicable.get(g);
            List<LogOddsModel> onTrain = spec.refitAtSizes(train, seed);
            for (int k = 0; k < onTrain.size(); k++) {
                double logLoss = 0;
                for (int repeat = 0; repeat < SELECTION_REPEATS; repeat++) {
                    logLoss += calibratedLogLoss(oof[g][k][repeat], trainY) / SELECTION_REPEATS;
                }
                List<Double> aucs = foldAucs.get(g).get(k);
                double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                double sd = Math.sqrt(aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum()
                        / (aucs.size() - 1));
                CvScore score = new CvScore(logLoss, mean, sd, aucs.size());
                int size = spec.sizes().get(k);
                Candidate judged = judge(spec, new ModelSpec.Fit(onTrain.get(k), size, List.of()), validation.x(),
                        validation.y());
                candidates.add(new Candidate(spec, judged.fit(), judged.platt(), judged.rawValidationLogLoss(),
                        judged.validationLogLoss(), judged.validationRocAuc(), score));
            }
        }
        return new Search(encoding, candidates);
    }

    /** The log-loss of out-of-fold log-odds after a Platt map fitted on them. */
    private static double calibratedLogLoss(double[] logOdds, boolean[] y) {
        PlattScaling platt = PlattScaling.fit(logOdds, y);
        double[] p = new double[logOdds.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = LogOddsModel.sigmoid(platt.apply(logOdds[i]));
        }
        return BinaryMetrics.logLoss(y, p);
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
