package org.magicsteps.model.evaluation;

/**
 * Counts of a binary decision against the truth, and the rates people read from them.
 *
 * @param truePositives reached the Ponto de Virada and predicted so
 * @param falsePositives predicted to reach it but did not
 * @param falseNegatives reached it but predicted not to
 * @param trueNegatives did not reach it and predicted so
 */
public record ConfusionMatrix(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public ConfusionMatrix {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("confusion counts must not be negative");
        }
    }

    public long total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    public double accuracy() {
        return ratio(truePositives + trueNegatives, total());
    }

    /** TP / (TP + FP); 0 when nothing is predicted positive (as scikit-learn's {@code zero_division=0}). */
    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); 0 when there is no positive. */
    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }
}
