package org.magicsteps.model.training;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * One point of the hyper-parameter grid, except the number of epochs (chosen by early stopping):
 * a Tribuo trainer that exports to ONNX. Both kinds minimise the (weighted) log-loss with
 * AdaGrad, and both are regularised by early stopping alone.
 *
 * <p>Why no L2 penalty: Tribuo 4.3.2's {@code AdaGradRDA}, its only optimiser with l1/l2
 * penalties, never advances the iteration counter of matrix parameters
 * ({@code AdaGradRDAMatrix.intersectAndAddInPlace}), so the penalties never touch a linear
 * model's weight matrix: every l2 gave the same model to the last digit. (And {@code Pegasos}
 * swaps its two rates in {@code copy()}, which every trainer calls.) The grid varies the
 * learning rate instead, which with early stopping sets how far from zero the weights get.
 */
sealed interface ModelSpec {

    /** AdaGrad's epsilon (Tribuo's default for its logistic regression). */
    double EPSILON = 0.1;

    /** The manifest's {@code model_class}. */
    String modelClass();

    /** How positives are weighted against the 13 % imbalance. */
    Weighting weighting();

    /** The hyper-parameters by name, for the manifest and the report. */
    Map<String, String> hyperParameters();

    /** A Tribuo trainer for {@code epochs} passes over the data. */
    Trainer<Label> trainer(int epochs, long seed);

    /** One line for people. */
    default String text() {
        StringBuilder text = new StringBuilder(modelClass());
        hyperParameters().forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
        return text.toString();
    }

    /**
     * Logistic regression: a linear model with a softmax over the two classes (Tribuo's
     * {@code LinearSGDTrainer} with {@code LogMulticlass}).
     */
    record Logistic(double learningRate, Weighting weighting) implements ModelSpec {
        @Override public String modelClass() { return "LogisticRegression"; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("learning_rate", number(learningRate));
            parameters.put("positive_weight", weighting.label());
            return parameters;
        }
        @Override public Trainer<Label> trainer(int epochs, long seed) {
            // Logging interval -1: Tribuo would otherwise log the loss every few hundred steps.
            return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, EPSILON), epochs, -1, 1, seed);
        }
    }

    /**
     * A factorization machine: the linear model plus pairwise interactions of the inputs through
     * {@code factors}-dimensional embeddings (Tribuo's {@code FMClassificationTrainer}).
     */
    record FactorizationMachine(int factors, double learningRate, Weighting weighting) implements ModelSpec {
        /** The standard deviation of the embeddings' random initialisation. */
        static final double VARIANCE = 0.1;

        @Override public String modelClass() { return "FactorizationMachine"; }
        @Override public Map<String, String> hyperParameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("factors", Integer.toString(factors));
            parameters.put("learning_rate", number(learningRate));
            parameters.put("positive_weight", weighting.label());
            return parameters;
        }
        @Override public Trainer<Label> trainer(int epochs, long seed) {
            return new FMClassificationTrainer(new LogMulticlass(), new AdaGrad(learningRate, EPSILON), epochs, -1, 1,
                    seed, factors, VARIANCE);
        }
    }

    /**
     * How much a positive example weighs against a negative one, from the training rows' class
     * counts. Weights are then scaled so they average 1, so that a learning rate means the same
     * under every weighting.
     */
    enum Weighting {
        /** Every example weighs 1; the threshold alone handles the imbalance. */
        NONE("none"),
        /** Positives weigh sqrt(negatives / positives): half-way, on a log scale, to balanced. */
        SQRT_BALANCED("sqrt_balanced"),
        /** Positives weigh negatives / positives: both classes carry the same total weight. */
        BALANCED("balanced");

        private final String label;

        Weighting(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        /** The weight of each row ({@code true} = positive), averaging 1. */
        double[] weights(boolean[] targets) {
            long positives = 0;
            for (boolean t : targets) {
                positives += t ? 1 : 0;
            }
            long negatives = targets.length - positives;
            double ratio = positives == 0 ? 1.0 : (double) negatives / positives;
            double positiveWeight = switch (this) {
                case NONE -> 1.0;
                case SQRT_BALANCED -> Math.sqrt(ratio);
                case BALANCED -> ratio;
            };
            double mean = (positives * positiveWeight + negatives) / targets.length;
            double[] weights = new double[targets.length];
            for (int i = 0; i < targets.length; i++) {
                weights[i] = (targets[i] ? positiveWeight : 1.0) / mean;
            }
            return weights;
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%s", value);
    }
}
