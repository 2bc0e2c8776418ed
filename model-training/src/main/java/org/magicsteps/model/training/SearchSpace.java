package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The grids searched: a small logistic grid judges each feature-engineering step, the full grid
 * chooses the model.
 *
 * <p>The full grid: L2 logistic regression with a per-row penalty from 10⁻⁴ (nearly
 * unpenalised) to 3·10⁻¹ (strongly shrunk), unweighted and with positives weighing √(neg/pos),
 * and ridge regression of IPV with the same penalties; boosted trees (of the target and of IPV)
 * of depth 1, 2 and 3 (additive, pairwise and three-way interactions), learning rate 0.1,
 * minimum child weight (summed hessians) 4, each at 25, 50, 100, 200 and 300 rounds, unweighted.
 * On the strict early warning, 2 × 5-fold cross-validation over train + validation found the best
 * setting of every family within 0.003 ROC-AUC of the others (about 0.86, fold sd 0.05), learning
 * rates 0.05 and 0.1 and minimum child weights 1 and 4 among the best alike. The boosted trees are not
 * class-weighted: their leaves are Newton steps on the log-loss, and the calibration that follows
 * reads the imbalance from the validation split.
 *
 * @param featureGrid the specs tried for each feature-engineering step
 * @param modelGrid the specs of the final model selection
 */
record SearchSpace(List<ModelSpec> featureGrid, List<ModelSpec> modelGrid) {

    SearchSpace {
        featureGrid = List.copyOf(featureGrid);
        modelGrid = List.copyOf(modelGrid);
    }

    static final List<Double> PENALTIES = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1, 3e-1);

    static final SearchSpace DEFAULT = new SearchSpace(
            logistic(List.of(1e-3, 1e-2), List.of(ModelSpec.Weighting.NONE)),
            fullGrid());

    static List<ModelSpec> logistic(List<Double> penalties, List<ModelSpec.Weighting> weightings) {
        List<ModelSpec> grid = new ArrayList<>();
        for (ModelSpec.Weighting weighting : weightings) {
            for (double lambda : penalties) {
                grid.add(new ModelSpec.Logistic(lambda, weighting));
            }
        }
        return grid;
    }

    private static List<ModelSpec> fullGrid() {
        List<ModelSpec> grid = new ArrayList<>(logistic(PENALTIES,
                List.of(ModelSpec.Weighting.NONE, ModelSpec.Weighting.SQRT_BALANCED)));
        for (double lambda : PENALTIES) {
            grid.add(new ModelSpec.IpvRidge(lambda));
        }
        // Every tree family is compared at 25 to 300 rounds (ModelSpec.BoostedTrees.ROUNDS), so one learning
        // rate covers what two did; each costs 11 ensembles of 300 trees (10 folds and the training split).
        for (int depth : new int[] {1, 2, 3}) {
            grid.add(new ModelSpec.BoostedTrees(depth, LEARNING_RATE, MIN_CHILD_WEIGHT, ModelSpec.Weighting.NONE));
            grid.add(new ModelSpec.IpvBoostedTrees(depth, LEARNING_RATE, MIN_CHILD_WEIGHT));
        }
        return grid;
    }

    static final double LEARNING_RATE = 0.1;
    static final double MIN_CHILD_WEIGHT = 4;
}
