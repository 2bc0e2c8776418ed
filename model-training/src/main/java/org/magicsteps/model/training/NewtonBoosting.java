package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;

import org.magicsteps.model.evaluation.BinaryMetrics;
import org.tribuo.common.tree.LeafNode;
import org.tribuo.common.tree.Node;
import org.tribuo.common.tree.SplitNode;
import org.tribuo.common.tree.TreeModel;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.IndependentRegressionTreeModel;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;

/**
 * Gradient-boosted trees for the log-loss with Newton steps (Friedman, Hastie and Tibshirani's
 * LogitBoost; XGBoost's update without its leaf penalty), grown with Tribuo's own CART regression
 * trees. Each round fits a tree by weighted least squares to the working response
 * {@code (y − p) / (p (1 − p))} with weights {@code p (1 − p)}: Tribuo's leaves are weighted means,
 * so each leaf is exactly the Newton step {@code Σ (y − p) / Σ p (1 − p)} of its rows, and its
 * minimum child weight is XGBoost's {@code min_child_weight} (a minimum of summed hessians). The
 * working response is clipped at ±{@value #MAX_RESPONSE}, as LogitBoost prescribes, so that rows
 * already far on the right side do not dominate a leaf. Each tree is shrunk by the learning rate.
 *
 * <p>Tribuo has no gradient boosting of its own apart from its XGBoost wrapper, whose native
 * library (tens of MB) does not fit the runnable jar; the boosting loop is this class, the trees
 * are Tribuo's.
 */
final class NewtonBoosting {

    static final double MAX_RESPONSE = 4.0;
    /** Keeps the hessian away from 0 for rows the ensemble is already sure of. */
    private static final double MIN_HESSIAN = 1e-6;

    private NewtonBoosting() {
    }

    /**
     * The hyper-parameters.
     *
     * @param depth the trees' maximum depth
     * @param learningRate each tree's shrinkage
     * @param minChildWeight the smallest sum of hessians (times class weights) a leaf may hold
     */
    record Settings(int depth, double learningRate, double minChildWeight) {
    }

    /**
     * A grown ensemble and its history.
     *
     * @param model the ensemble at the chosen number of rounds
     * @param rounds the chosen number of rounds
     * @param validationLoss the objective's validation loss after each round (empty when grown without validation rows)
     */
    record Grown(LogOddsModel.TreeEnsemble model, int rounds, List<Double> validationLoss) {
    }

    /**
     * What a round fits: the loss's starting value, each row's working response and weight for the
     * current predictions, and the validation loss that stops the growth.
     */
    interface Objective {
        double start();

        void step(double[] f, double[] response, double[] weights);

        double validationLoss(double[] fv);
    }

    /**
     * The log-loss of the target (Newton steps; see the class comment).
     *
     * @param classWeights each training row's class weight
     * @param validationY the validation target, or {@code null} when growing without validation rows
     */
    record LogLoss(boolean[] y, double[] classWeights, boolean[] validationY) implements Objective {
        @Override public double start() {
            double positive = 0;
            double negative = 0;
            for (int i = 0; i < y.length; i++) {
                if (y[i]) {
                    positive += classWeights[i];
                } else {
                    negative += classWeights[i];
                }
            }
            // The log-odds of the (class-weighted) share of positives.
            return Math.log(positive / negative);
        }

        @Override public void step(double[] f, double[] response, double[] weights) {
            for (int i = 0; i < f.length; i++) {
                double p = LogOddsModel.sigmoid(f[i]);
                double hessian = Math.max(p * (1 - p), MIN_HESSIAN);
                double target = y[i] ? 1.0 : 0.0;
                response[i] = Math.max(-MAX_RESPONSE, Math.min(MAX_RESPONSE, (target - p) / hessian));
                weights[i] = hessian * classWeights[i];
            }
        }

        @Override public double validationLoss(double[] fv) {
            return BinaryMetrics.logLoss(validationY, sigmoid(fv));
        }
    }

    /**
     * The squared error of a numeric target (IPV): each round fits the residuals, every row
     * weighing 1, so each leaf is its rows' mean residual.
     *
     * @param target the training rows' target
     * @param validationTarget the validation rows' target, or {@code null} when growing without them
     */
    record SquaredError(double[] target, double[] validationTarget) implements Objective {
        @Override public double start() {
            return java.util.Arrays.stream(target).average().orElseThrow();
        }

        @Override public void step(double[] f, double[] response, double[] weights) {
            for (int i = 0; i < f.length; i++) {
                response[i] = target[i] - f[i];
                weights[i] = 1.0;
            }
        }

        @Override public double validationLoss(double[] fv) {
            double sum = 0;
            for (int i = 0; i < fv.length; i++) {
                sum += (validationTarget[i] - fv[i]) * (validationTarget[i] - fv[i]);
            }
            return sum / fv.length;
        }
    }

    /**
     * Grows up to {@code maxRounds} trees and keeps the number of rounds with the lowest
     * validation loss, stopping once {@code patience} rounds in a row have not lowered it.
     */
    static Grown growWithEarlyStopping(Settings settings, Objective objective, float[][] x, float[][] validationX,
            int maxRounds, int patience, long seed) {
        return grow(settings, objective, x, validationX, maxRounds, patience, seed);
    }

    /** Grows exactly {@code rounds} trees (a refit with the number chosen before). */
    static LogOddsModel.TreeEnsemble grow(Settings settings, Objective objective, float[][] x, int rounds, long seed) {
        return grow(settings, objective, x, null, rounds, Integer.MAX_VALUE, seed).model();
    }

    private static Grown grow(Settings settings, Objective objective, float[][] x, float[][] validationX,
            int maxRounds, int patience, long seed) {
        int n = x.length;
        double base = objective.start();
        double[] f = new double[n];
        java.util.Arrays.fill(f, base);
        double[] fv = validationX == null ? null : new double[validationX.length];
        if (fv != null) {
            java.util.Arrays.fill(fv, base);
        }
        CARTRegressionTrainer trainer = new CARTRegressionTrainer(settings.depth(), (float) settings.minChildWeight(),
                0.0f, 1.0f, false, new MeanSquaredError(), seed);
        List<LogOddsModel.Tree> trees = new ArrayList<>();
        List<Double> history = new ArrayList<>();
        int bestRounds = 0;
        double bestLoss = fv == null ? Double.NaN : objective.validationLoss(fv);
        double[] response = new double[n];
        double[] weights = new double[n];
        for (int round = 1; round <= maxRounds && round - bestRounds <= patience; round++) {
            objective.step(f, response, weights);
            TreeModel<Regressor> model = trainer.train(TribuoRows.regression(x, response, weights));
            TribuoRows.requireColumnOrder(model.getFeatureIDMap(), x[0].length);
            // One output dimension: CART grows one tree for it, kept under the dimension's name.
            Node<Regressor> root = ((IndependentRegressionTreeModel) model).getRoots().get(TribuoRows.TARGET);
            LogOddsModel.Tree tree = convert(root, settings.learningRate());
            trees.add(tree);
            for (int i = 0; i < n; i++) {
                f[i] += tree.value(x[i]);
            }
            if (fv != null) {
                for (int i = 0; i < fv.length; i++) {
                    fv[i] += tree.value(validationX[i]);
                }
                double loss = objective.validationLoss(fv);
                history.add(loss);
                if (loss < bestLoss) {
                    bestLoss = loss;
                    bestRounds = round;
                }
            } else {
                bestRounds = round;
            }
        }
        return new Grown(new LogOddsModel.TreeEnsemble(trees.subList(0, bestRounds), base), bestRounds,
                List.copyOf(history));
    }

    /**
     * Tribuo's tree as arrays, its leaves multiplied by the learning rate. A split sends a row to
     * its greater-than branch when {@code x > split}; the threshold kept is the largest float at or
     * below the split, which for float inputs routes every row the same way.
     */
    private static LogOddsModel.Tree convert(Node<Regressor> root, double learningRate) {
        List<Node<Regressor>> nodes = new ArrayList<>();
        nodes.add(root);
        List<int[]> children = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof SplitNode<Regressor> split) {
                children.add(new int[] {nodes.size(), nodes.size() + 1});
                nodes.add(split.getLessThanOrEqual());
                nodes.add(split.getGreaterThan());
            } else {
                children.add(new int[] {-1, -1});
            }
        }
        int count = nodes.size();
        int[] feature = new int[count];
        float[] threshold = new float[count];
        int[] lessOrEqual = new int[count];
        int[] greater = new int[count];
        double[] value = new double[count];
        for (int i = 0; i < count; i++) {
            Node<Regressor> node = nodes.get(i);
            lessOrEqual[i] = children.get(i)[0];
            greater[i] = children.get(i)[1];
            if (node instanceof SplitNode<Regressor> split) {
                feature[i] = split.getFeatureID();
                threshold[i] = floatAtOrBelow(split.splitValue());
            } else {
                feature[i] = -1;
                value[i] = learningRate * ((LeafNode<Regressor>) node).getOutput().getValues()[0];
            }
        }
        return new LogOddsModel.Tree(feature, threshold, lessOrEqual, greater, value);
    }

    static float floatAtOrBelow(double value) {
        float f = (float) value;
        return f > value ? Math.nextDown(f) : f;
    }

    private static double[] sigmoid(double[] z) {
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = LogOddsModel.sigmoid(z[i]);
        }
        return p;
    }
}
