package org.magicsteps.model.evaluation;

import java.util.Objects;

import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * The metrics of a binary classifier's probabilities against the truth. Ranking metrics
 * (ROC-AUC, PR-AUC as average precision) come from Tribuo's {@code LabelEvaluationUtil}; the rest
 * are one-line definitions kept here beside them.
 */
public final class BinaryMetrics {

    /** Probabilities are clipped to [ε, 1 − ε] for the log-loss, as scikit-learn does, so one certain mistake is finite. */
    private static final double EPSILON = 1e-15;

    private BinaryMetrics() {
    }

    /**
     * The area under the ROC curve (ties count one half).
     *
     * @throws IllegalArgumentException when the truth holds only one class
     */
    public static double rocAuc(boolean[] truth, double[] probabilities) {
        requireBothClasses(truth, probabilities);
        return LabelEvaluationUtil.binaryAUCROC(truth, probabilities);
    }

    /**
     * The area under the precision–recall curve, as average precision (the step-wise sum of
     * precision × recall increment, no interpolation).
     *
     * @throws IllegalArgumentException when the truth holds no positive
     */
    public static double prAuc(boolean[] truth, double[] probabilities) {
        requireBothClasses(truth, probabilities);
        return LabelEvaluationUtil.averagedPrecision(truth, probabilities);
    }

    /** The mean negative log-likelihood (natural log) of the truth. */
    public static double logLoss(boolean[] truth, double[] probabilities) {
        requireSameLength(truth, probabilities);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
            sum -= truth[i] ? Math.log(p) : Math.log(1 - p);
        }
        return sum / truth.length;
    }

    /** The mean squared difference between probability and truth (0 or 1). */
    public static double brier(boolean[] truth, double[] probabilities) {
        requireSameLength(truth, probabilities);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double error = probabilities[i] - (truth[i] ? 1 : 0);
            sum += error * error;
        }
        return sum / truth.length;
    }

    /**
     * The expected calibration error: over {@value Curves#CALIBRATION_BINS} equal-width bins of
     * predicted probability, the share of rows in each bin times the gap between its mean
     * predicted probability and its observed rate, summed (0 is perfect; the bins of
     * {@link Curves#calibration}, the reliability diagram).
     */
    public static double expectedCalibrationError(boolean[] truth, double[] probabilities) {
        requireSameLength(truth, probabilities);
        int bins = Curves.CALIBRATION_BINS;
        long[] counts = new long[bins];
        double[] predicted = new double[bins];
        long[] positives = new long[bins];
        for (int i = 0; i < truth.length; i++) {
            int bin = Curves.bin(probabilities[i]);
            counts[bin]++;
            predicted[bin] += probabilities[i];
            positives[bin] += truth[i] ? 1 : 0;
        }
        double error = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (counts[bin] > 0) {
                error += Math.abs(predicted[bin] - positives[bin]) / truth.length;
            }
        }
        return error;
    }

    /** The confusion matrix when a probability at or above {@code threshold} predicts the positive class. */
    public static ConfusionMatrix confusion(boolean[] truth, double[] probabilities, double threshold) {
        requireSameLength(truth, probabilities);
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean predicted = probabilities[i] >= threshold;
            if (predicted && truth[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (truth[i]) {
                fn++;
            } else {
                tn++;
            }
        }
        return new ConfusionMatrix(tp, fp, fn, tn);
    }

    static void requireBothClasses(boolean[] truth, double[] probabilities) {
        requireSameLength(truth, probabilities);
        int positives = 0;
        for (boolean t : truth) {
            positives += t ? 1 : 0;
        }
        if (positives == 0 || positives == truth.length) {
            throw new IllegalArgumentException("the data holds only " + (positives == 0 ? "negatives" : "positives")
                    + "; ranking metrics need both classes");
        }
    }

    private static void requireSameLength(boolean[] truth, double[] probabilities) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(probabilities, "probabilities");
        if (truth.length != probabilities.length) {
            throw new IllegalArgumentException(truth.length + " labels but " + probabilities.length + " probabilities");
        }
        if (truth.length == 0) {
            throw new IllegalArgumentException("no rows to evaluate");
        }
    }
}
