package org.magicsteps.model.training;

import java.util.List;

/**
 * A trained model as plain numbers: the log-odds of reaching the Ponto de Virada for an encoded
 * row. Tribuo trains the models ({@link ModelSpec}); they are converted into this form once, and
 * from it come both the Java-side probabilities the pipeline measures and the ONNX graph the
 * bundle ships ({@link ScoreGraph}), so the two compute the same function by construction (the
 * pipeline still checks the graph against these numbers before it writes a bundle).
 *
 * <p>Platt scaling is a map {@code a·s + b} of the log-odds {@code s}; both kinds absorb it into
 * their own numbers ({@link #scaled}), so a calibrated model is again a plain model of the same
 * kind, and the graph needs no extra node for it.
 */
sealed interface LogOddsModel {

    /** The log-odds of each encoded row, in double precision. */
    double logOdds(float[] row);

    /** The same model with its log-odds mapped to {@code scale · s + shift}. */
    LogOddsModel scaled(double scale, double shift);

    /** How many trained numbers it holds (weights; or split thresholds and leaf values). */
    long parameterCount();

    /**
     * The smallest and largest log-odds this model can give for any input whose column {@code j}
     * lies in [{@code low[j]}, {@code high[j]}]: exact for a linear model, the sum of each tree's
     * extremes within the box for an ensemble (an outer bound).
     */
    double[] bounds(double[] low, double[] high);

    /** The log-odds of every row. */
    default double[] logOdds(float[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = logOdds(rows[i]);
        }
        return out;
    }

    /** The probability of every row: the logistic function of the log-odds. */
    default double[] probabilities(float[][] rows) {
        double[] out = logOdds(rows);
        for (int i = 0; i < out.length; i++) {
            out[i] = sigmoid(out[i]);
        }
        return out;
    }

    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /**
     * A linear model: {@code intercept + Σ weights[j] · x[j]}.
     *
     * @param weights one per input column
     * @param intercept the log-odds of a row of zeros
     */
    record Linear(double[] weights, double intercept) implements LogOddsModel {
        public Linear {
            weights = weights.clone();
        }

        @Override public double logOdds(float[] row) {
            double z = intercept;
            for (int j = 0; j < weights.length; j++) {
                z += weights[j] * row[j];
            }
            return z;
        }

        @Override public Linear scaled(double scale, double shift) {
            double[] w = new double[weights.length];
            for (int j = 0; j < w.length; j++) {
                w[j] = scale * weights[j];
            }
            return new Linear(w, scale * intercept + shift);
        }

        @Override public long parameterCount() {
            return weights.length + 1L;
        }

        @Override public double[] bounds(double[] low, double[] high) {
            double min = intercept;
            double max = intercept;
            for (int j = 0; j < weights.length; j++) {
                double a = weights[j] * low[j];
                double b = weights[j] * high[j];
                min += Math.min(a, b);
                max += Math.max(a, b);
            }
            return new double[] {min, max};
        }

        @Override public double[] weights() {
            return weights.clone();
        }
    }

    /**
     * A sum of regression trees: {@code base + Σ trees}. Each tree is stored as parallel arrays
     * (node 0 is the root); a split node sends a row to {@code lessOrEqual} when
     * {@code x[feature] ≤ threshold}, else to {@code greater}; a leaf ({@code feature = -1})
     * holds its value. Thresholds are floats because the graph compares floats: each is the
     * largest float at or below Tribuo's double split point, which routes every float input the
     * same way as Tribuo does.
     *
     * @param trees the trees, in the order they were grown
     * @param base the log-odds before any tree
     */
    record TreeEnsemble(List<Tree> trees, double base) implements LogOddsModel {
        public TreeEnsemble {
            trees = List.copyOf(trees);
        }

        @Override public double logOdds(float[] row) {
            double z = base;
            for (Tree tree : trees) {
                z += tree.value(row);
            }
            return z;
        }

        /** The ensemble of the first {@code rounds} trees: what boosting for that many rounds grows. */
        TreeEnsemble prefix(int rounds) {
            return new TreeEnsemble(trees.subList(0, Math.min(rounds, trees.size())), base);
        }

        @Override public TreeEnsemble scaled(double scale, double shift) {
            return new TreeEnsemble(trees.stream().map(t -> t.scaled(scale)).toList(), scale * base + shift);
        }

        @Override public long parameterCount() {
            return trees.stream().mapToLong(t -> t.feature().length).sum() + 1;
        }

        @Override public double[] bounds(double[] low, double[] high) {
            double min = base;
            double max = base;
            for (Tree tree : trees) {
                double[] extremes = tree.extremes(0, low, high);
                min += extremes[0];
                max += extremes[1];
            }
            return new double[] {min, max};
        }
    }

    /**
     * One regression tree as parallel arrays; see {@link TreeEnsemble}.
     *
     * @param feature the input column a node splits on, or -1 for a leaf
     * @param threshold the split point (float, see {@link TreeEnsemble})
     * @param lessOrEqual the node a row goes to when {@code x ≤ threshold}
     * @param greater the node a row goes to otherwise
     * @param value a leaf's value (0 for split nodes)
     */
    record Tree(int[] feature, float[] threshold, int[] lessOrEqual, int[] greater, double[] value) {
        public Tree {
            feature = feature.clone();
            threshold = threshold.clone();
            lessOrEqual = lessOrEqual.clone();
            greater = greater.clone();
            value = value.clone();
        }

        double value(float[] row) {
            int node = 0;
            while (feature[node] >= 0) {
                node = row[feature[node]] <= threshold[node] ? lessOrEqual[node] : greater[node];
            }
            return value[node];
        }

        Tree scaled(double scale) {
            double[] scaled = new double[value.length];
            for (int i = 0; i < scaled.length; i++) {
                scaled[i] = scale * value[i];
            }
            return new Tree(feature, threshold, lessOrEqual, greater, scaled);
        }

        int nodes() {
            return feature.length;
        }

        /** The smallest and largest leaf a row inside the box can reach from {@code node}. */
        private double[] extremes(int node, double[] low, double[] high) {
            if (feature[node] < 0) {
                return new double[] {value[node], value[node]};
            }
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            if (low[feature[node]] <= threshold[node]) {
                double[] left = extremes(lessOrEqual[node], low, high);
                min = left[0];
                max = left[1];
            }
            if (high[feature[node]] > threshold[node]) {
                double[] right = extremes(greater[node], low, high);
                min = Math.min(min, right[0]);
                max = Math.max(max, right[1]);
            }
            return new double[] {min, max};
        }

        @Override public int[] feature() {
            return feature.clone();
        }

        @Override public float[] threshold() {
            return threshold.clone();
        }

        @Override public int[] lessOrEqual() {
            return lessOrEqual.clone();
        }

        @Override public int[] greater() {
            return greater.clone();
        }

        @Override public double[] value() {
            return value.clone();
        }
    }
}
