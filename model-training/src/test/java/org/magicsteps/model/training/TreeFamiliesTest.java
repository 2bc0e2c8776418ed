package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.magicsteps.model.evaluation.BinaryMetrics;

/**
 * The model families on a synthetic problem with an interaction a linear model cannot see, and the
 * readings of Tribuo's models into plain numbers (checked inside the trainers against Tribuo's own
 * predictions, so training at all is part of the test).
 */
class TreeFamiliesTest {

    private static final int N = 300;

    @Test
    void boostedTreesLearnAnInteractionAndStopOnValidation() {
        Rows train = rows(1, 0.1, 0);
        Rows validation = rows(2, 0.1, 0);
        ModelSpec.Fit fit = new ModelSpec.BoostedTrees(2, 0.1, 1, ModelSpec.Weighting.NONE).fit(train.encoded,
                validation.encoded, 3);
        double trees = BinaryMetrics.rocAuc(validation.encoded.y(), fit.model().logOdds(validation.encoded.x()));
        ModelSpec.Fit linear = new ModelSpec.Logistic(1e-3, ModelSpec.Weighting.NONE).fit(train.encoded,
                validation.encoded, 3);
        double line = BinaryMetrics.rocAuc(validation.encoded.y(), linear.model().logOdds(validation.encoded.x()));
        assertTrue(trees > 0.8 && trees > line + 0.05, "trees " + trees + ", linear " + line);
        assertTrue(fit.size() > 0 && fit.size() <= ModelSpec.BoostedTrees.MAX_ROUNDS, "rounds " + fit.size());
        assertEquals(fit.size(), ((LogOddsModel.TreeEnsemble) fit.model()).trees().size());
        // A refit with the chosen size on the same rows grows the same trees.
        LogOddsModel again = new ModelSpec.BoostedTrees(2, 0.1, 1, ModelSpec.Weighting.NONE).refit(train.encoded,
                fit.size(), 3);
        assertEquals(fit.model().logOdds(validation.encoded.x()[0]), again.logOdds(validation.encoded.x()[0]), 1e-12);
    }

    @Test
    void aStrongerPenaltyShrinksTheLogisticWeights() {
        Rows train = rows(4, 0.1, 1);
        double weak = norm(LiblinearLogistic.train(train.encoded.x(), train.encoded.y(), 1e-4, 1, 1));
        double strong = norm(LiblinearLogistic.train(train.encoded.x(), train.encoded.y(), 1e-1, 1, 1));
        assertTrue(strong < 0.5 * weak, "strong " + strong + ", weak " + weak);
    }

    @Test
    void theIpvFamiliesLearnFromTheScoreBehindTheTarget() {
        Rows train = rows(5, 0, 1);
        Rows validation = rows(6, 0, 1);
        assertTrue(new ModelSpec.IpvRidge(1e-3).applicable(train.encoded));
        ModelSpec.Fit ridge = new ModelSpec.IpvRidge(1e-3).fit(train.encoded, validation.encoded, 1);
        double line = BinaryMetrics.rocAuc(validation.encoded.y(), ridge.model().logOdds(validation.encoded.x()));
        ModelSpec.Fit trees = new ModelSpec.IpvBoostedTrees(2, 0.3, 1).fit(train.encoded, validation.encoded, 1);
        double nonLinear = BinaryMetrics.rocAuc(validation.encoded.y(), trees.model().logOdds(validation.encoded.x()));
        assertTrue(line > 0.75 && nonLinear > 0.95, "ridge " + line + ", trees " + nonLinear);
        // Without a threshold on the score that separates the target, the families do not apply.
        boolean[] shuffled = train.encoded.y().clone();
        shuffled[0] = !shuffled[0];
        shuffled[1] = !shuffled[1];
        EncodedRows broken = new EncodedRows(train.encoded.x(), shuffled, train.encoded.ipv());
        assertTrue(!new ModelSpec.IpvRidge(1e-3).applicable(broken));
    }

    private record Rows(EncodedRows encoded) {
    }

    /**
     * A score 5 + linear·x0 + 1.5·x0·x1 (an interaction, plus a linear part when {@code linear} is 1)
     * and y = score > 5.3, flipped for a share {@code noise} of the rows (then no threshold of the
     * score gives y exactly).
     */
    private static Rows rows(long seed, double noise, double linear) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[N][3];
        boolean[] y = new boolean[N];
        double[] score = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 3; j++) {
                x[i][j] = (float) random.nextDouble(-1, 1);
            }
            score[i] = 5 + linear * x[i][0] + 1.5 * x[i][0] * x[i][1];
            y[i] = score[i] > 5.3 ^ random.nextDouble() < noise;
        }
        return new Rows(new EncodedRows(x, y, score));
    }

    private static double norm(LogOddsModel.Linear model) {
        double sum = 0;
        for (double w : model.weights()) {
            sum += w * w;
        }
        return Math.sqrt(sum);
    }
}
