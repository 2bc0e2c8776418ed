package org.magicsteps.model.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.classification.evaluation.LabelEvaluationUtil;

/**
 * The curves drawn in a report: ROC, precision–recall and calibration.
 *
 * @param roc points (false-positive rate, true-positive rate), from (0, 0) to (1, 1)
 * @param precisionRecall points (recall, precision), by decreasing threshold
 * @param calibration ten equal-width bins of predicted probability; empty bins are left out
 */
public record Curves(List<Point> roc, List<Point> precisionRecall, List<CalibrationBin> calibration) {

    /** The number of equal-width calibration bins between 0 and 1. */
    public static final int CALIBRATION_BINS = 10;

    public Curves {
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
        calibration = List.copyOf(calibration);
    }

    /** A point of a curve. */
    public record Point(double x, double y) {
    }

    /**
     * One calibration bin: students whose predicted probability lies in [{@code lower}, {@code upper})
     * (the last bin includes 1).
     *
     * @param count how many students
     * @param meanPredicted their mean predicted probability
     * @param observedRate the fraction of them who reached the Ponto de Virada
     */
    public record CalibrationBin(double lower, double upper, long count, double meanPredicted, double observedRate) {
    }

    /** The calibration bin of a probability: [k/10, (k+1)/10), the last one including 1. */
    static int bin(double probability) {
        return Math.max(0, Math.min(CALIBRATION_BINS - 1, (int) Math.floor(probability * CALIBRATION_BINS)));
    }

    /** The curves of {@code probabilities} against {@code truth} (which must hold both classes). */
    public static Curves of(boolean[] truth, double[] probabilities) {
        BinaryMetrics.requireBothClasses(truth, probabilities);
        LabelEvaluationUtil.ROC roc = LabelEvaluationUtil.generateROCCurve(truth, probabilities);
        List<Point> rocPoints = new ArrayList<>();
        for (int i = 0; i < roc.fpr.length; i++) {
            rocPoints.add(new Point(roc.fpr[i], roc.tpr[i]));
        }
        LabelEvaluationUtil.PRCurve pr = LabelEvaluationUtil.generatePRCurve(truth, probabilities);
        List<Point> prPoints = new ArrayList<>();
        for (int i = 0; i < pr.recall.length; i++) {
            prPoints.add(new Point(pr.recall[i], pr.precision[i]));
        }
        long[] counts = new long[CALIBRATION_BINS];
        double[] predicted = new double[CALIBRATION_BINS];
        long[] positives = new long[CALIBRATION_BINS];
        for (int i = 0; i < truth.length; i++) {
            int bin = bin(probabilities[i]);
            counts[bin]++;
            predicted[bin] += probabilities[i];
            positives[bin] += truth[i] ? 1 : 0;
        }
        List<CalibrationBin> calibration = new ArrayList<>();
        for (int bin = 0; bin < CALIBRATION_BINS; bin++) {
            if (counts[bin] > 0) {
                calibration.add(new CalibrationBin((double) bin / CALIBRATION_BINS, (double) (bin + 1) / CALIBRATION_BINS,
                        counts[bin], predicted[bin] / counts[bin], (double) positives[bin] / counts[bin]));
            }
        }
        return new Curves(rocPoints, prPoints, calibration);
    }
}
