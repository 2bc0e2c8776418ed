package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The grids searched: a small logistic grid judges each feature-engineering step, the full grid
 * chooses the model.
 *
 * <p>The full grid: L2 logistic regression with a per-row penalty from 10⁻⁴ (nearly
 * unpenalised) to 10⁻¹ (strongly shrunk), unweighted and with positives weighing √(neg/pos); and
 * boosted trees of depth 2 and 3 (pairwise and three-way interactions), learning rates 0.05 and
 * 0.1, minimum child weight (summed hessians) 1 and 4, unweighted. The boosted trees are not
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

    static final List<Double> PENALTIES = List.of(1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1);

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
        for (int depth : new int[] {2, 3}) {
            for (double rate : new double[] {0.05, 0.1}) {
                for (double minChildWeight : new double[] {1, 4}) {
                    grid.add(new ModelSpec.BoostedTrees(depth, rate, minChildWeight, ModelSpec.Weighting.NONE));
                    grid.add(new ModelSpec.IpvBoostedTrees(depth, rate, minChildWeight));
                }
            }
        }
        return grid;
    }
}
