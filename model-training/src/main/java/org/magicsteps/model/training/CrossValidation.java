package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.LabelledSheet.Student;
import org.magicsteps.model.report.ModelReport;

/**
 * Step 8, stability: {@value #FOLDS}-fold stratified cross-validated ROC-AUC of the chosen recipe
 * (features, hyper-parameters, size) on the training split, the preprocessing refitted inside
 * every fold. The folds depend only on the seed and the training split, so two recipes trained
 * with the same seed are compared fold by fold.
 */
final class CrossValidation {

    static final int FOLDS = 5;

    private CrossValidation() {
    }

    static ModelReport.CrossValidation run(FeaturePlan plan, ModelSpec spec, int size, TrainingData data, long seed) {
        List<Student> all = data.all();
        List<Integer> trainRows = data.split().train();
        List<List<Integer>> folds = StratifiedSplit.folds(data.sheet().targets(), trainRows, FOLDS, seed + 1);
        List<Double> aucs = new ArrayList<>();
        for (List<Integer> heldOut : folds) {
            Set<Integer> held = Set.copyOf(heldOut);
            List<Student> fit = TrainingData.rows(all, trainRows.stream().filter(i -> !held.contains(i)).toList());
            List<Student> judge = TrainingData.rows(all, heldOut);
            Encoding encoding = Encoding.fit(plan, data.specs(), fit);
            LogOddsModel model = spec.refit(EncodedRows.of(encoding, fit), size, seed);
            aucs.add(BinaryMetrics.rocAuc(TrainingData.targetsOf(judge), model.logOdds(encoding.encode(judge))));
        }
        double mean = aucs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(aucs.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / (aucs.size() - 1));
        return new ModelReport.CrossValidation(FOLDS, aucs, mean, sd);
    }
}
