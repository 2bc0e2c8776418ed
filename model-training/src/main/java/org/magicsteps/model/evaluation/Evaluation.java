package org.magicsteps.model.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How well probabilities predict the truth on one labelled data set: ranking and probability
 * metrics, the decision metrics at a threshold, each with a 95 % bootstrap confidence interval,
 * the confusion matrix and the curves.
 *
 * <p>The intervals come from {@value #RESAMPLES} stratified bootstrap resamples (positives and
 * negatives are resampled separately, keeping their counts, so every resample has both classes
 * and a defined ROC-AUC) and are percentile intervals. With few positives they are wide, and
 * that is the point: a test split of 18 positives cannot pin a ROC-AUC to two decimals.
 *
 * @param rows how many students
 * @param positives how many of them reached the Ponto de Virada
 * @param threshold the decision threshold of the decision metrics
 * @param rocAuc area under the ROC curve
 * @param prAuc area under the precision–recall curve (average precision)
 * @param logLoss mean negative log-likelihood
 * @param brier mean squared error of the probability
 * @param ece expected calibration error over ten equal-width bins
 * @param accuracy at the threshold
 * @param precision at the threshold
 * @param recall at the threshold
 * @param f1 at the threshold
 * @param confusion the confusion matrix at the threshold
 * @param curves ROC, precision–recall and calibration curves
 */
public record Evaluation(long rows, long positives, double threshold, Estimate rocAuc, Estimate prAuc,
        Estimate logLoss, Estimate brier, Estimate ece, Estimate accuracy, Estimate precision, Estimate recall, Estimate f1,
        ConfusionMatrix confusion, Curves curves) {

    /** The number of bootstrap resamples behind each interval. */
    public static final int RESAMPLES = 2000;

    private static final int METRICS = 9;

    /**
     * Evaluates {@code probabilities} against {@code truth} at {@code threshold}.
     *
     * @param seed the bootstrap's random seed, so that a report can be reproduced
     * @throws IllegalArgumentException when the lengths differ or the truth lacks a class
     */
    public static Evaluation of(boolean[] truth, double[] probabilities, double threshold, long seed) {
        BinaryMetrics.requireBothClasses(truth, probabilities);
        double[] point = metrics(truth, probabilities, threshold);
        int[] positiveRows = indices(truth, true);
        int[] negativeRows = indices(truth, false);
        double[][] samples = new double[METRICS][RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] sampleTruth = new boolean[truth.length];
        double[] sampleProbabilities = new double[truth.length];
        for (int r = 0; r < RESAMPLES; r++) {
            int n = 0;
            for (int i = 0; i < positiveRows.length; i++, n++) {
                int row = positiveRows[random.nextInt(positiveRows.length)];
                sampleTruth[n] = true;
                sampleProbabilities[n] = probabilities[row];
            }
            for (int i = 0; i < negativeRows.length; i++, n++) {
                int row = negativeRows[random.nextInt(negativeRows.length)];
                sampleTruth[n] = false;
                sampleProbabilities[n] = probabilities[row];
            }
            double[] values = metrics(sampleTruth, sampleProbabilities, threshold);
            for (int m = 0; m < METRICS; m++) {
                samples[m][r] = values[m];
            }
        }
        Estimate[] estimates = new Estimate[METRICS];
        for (int m = 0; m < METRICS; m++) {
            Arrays.sort(samples[m]);
            estimates[m] = new Estimate(point[m], percentile(samples[m], 0.025), percentile(samples[m], 0.975));
        }
        return new Evaluation(truth.length, positiveRows.length, threshold, estimates[0], estimates[1], estimates[2],
                estimates[3], estimates[4], estimates[5], estimates[6], estimates[7], estimates[8],
                BinaryMetrics.confusion(truth, probabilities, threshold), Curves.of(truth, probabilities));
    }

    /**
     * The point values by name ({@code roc_auc}, {@code pr_auc}, ...), each followed by its
     * interval ({@code roc_auc_ci_low}, {@code roc_auc_ci_high}), every name prefixed with
     * {@code prefix}: what a manifest's {@code metrics} holds.
     */
    public Map<String, Double> asMetrics(String prefix) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        estimates().forEach((name, estimate) -> {
            metrics.put(prefix + name, estimate.value());
            metrics.put(prefix + name + "_ci_low", estimate.low());
            metrics.put(prefix + name + "_ci_high", estimate.high());
        });
        return metrics;
    }

    /** Every estimate by its metric name, in report order. */
    public Map<String, Estimate> estimates() {
        Map<String, Estimate> estimates = new LinkedHashMap<>();
        estimates.put("roc_auc", rocAuc);
        estimates.put("pr_auc", prAuc);
        estimates.put("log_loss", logLoss);
        estimates.put("brier", brier);
        estimates.put("ece", ece);
        estimates.put("accuracy", accuracy);
        estimates.put("precision", precision);
        estimates.put("recall", recall);
        estimates.put("f1", f1);
        return estimates;
    }

    /**
     * A sentence about the intervals of zero width, or {@code null} when there are none: every
     * resample gave the same value (a recall of 1.000 when no positive was missed), which says
     * the sample held no counter-example, not that none exists.
     */
    public String degenerateIntervalsNote() {
        java.util.List<String> names = new java.util.ArrayList<>();
        estimates().forEach((name, estimate) -> {
            if (estimate.low() == estimate.high()) {
                names.add(name + " " + String.format(java.util.Locale.ROOT, "%.3f", estimate.value()));
            }
        });
        return names.isEmpty() ? null : "Every bootstrap resample gave the same " + String.join(", ", names)
                + ": the interval has no width because this sample holds no counter-example (for a recall of 1, no "
                + "missed student), not because the figure is certain; with " + positives
                + " positives, a rate of 0 failures is compatible with a true failure rate of up to about "
                + String.format(java.util.Locale.ROOT, "%.0f %%", 100 * 3.0 / positives) + " (rule of three).";
    }

    private static double[] metrics(boolean[] truth, double[] probabilities, double threshold) {
        ConfusionMatrix confusion = BinaryMetrics.confusion(truth, probabilities, threshold);
        return new double[] {BinaryMetrics.rocAuc(truth, probabilities), BinaryMetrics.prAuc(truth, probabilities),
            BinaryMetrics.logLoss(truth, probabilities), BinaryMetrics.brier(truth, probabilities),
            BinaryMetrics.expectedCalibrationError(truth, probabilities), confusion.accuracy(), confusion.precision(), confusion.recall(), confusion.f1()};
    }

    private static int[] indices(boolean[] truth, boolean wanted) {
        return java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i] == wanted).toArray();
    }

    /** The linearly interpolated percentile of sorted values (numpy's default). */
    private static double percentile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
