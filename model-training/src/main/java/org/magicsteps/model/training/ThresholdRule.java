package org.magicsteps.model.training;

import java.util.Arrays;
import java.util.Locale;

import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.ConfusionMatrix;

/**
 * Chooses the decision threshold on validation predictions. The candidates are the midpoints
 * between successive distinct predicted probabilities (a student is predicted positive when
 * the probability is at or above the threshold), so a threshold never sits exactly on a
 * validation student's probability.
 *
 * <ul>
 *   <li>Best F1 (the default): the candidate with the highest validation F1; among equals, the
 *       highest threshold (the fewest students flagged).</li>
 *   <li>Minimum recall R: the highest candidate at which validation recall is at least R, so
 *       that precision is as high as the recall target allows.</li>
 * </ul>
 *
 * @param minRecall the recall target, or {@code null} for best F1
 */
record ThresholdRule(Double minRecall) {

    ThresholdRule {
        if (minRecall != null && !(minRecall > 0 && minRecall <= 1)) {
            throw new IllegalArgumentException("--min-recall must be above 0 and at most 1, got " + minRecall);
        }
    }

    /**
     * The chosen threshold and how the validation rows fare at it.
     *
     * @param value the threshold
     * @param rule the rule, in words, with the validation figures, for the manifest
     * @param validation the validation confusion matrix at the threshold
     */
    record Choice(double value, String rule, ConfusionMatrix validation) {
    }

    Choice choose(boolean[] truth, double[] probabilities) {
        double[] distinct = Arrays.stream(probabilities).distinct().sorted().toArray();
        double[] candidates = new double[distinct.length];
        candidates[0] = distinct[0] / 2;
        for (int i = 1; i < distinct.length; i++) {
            candidates[i] = (distinct[i - 1] + distinct[i]) / 2;
        }
        Choice best = null;
        // From the highest candidate down, so that among equals the highest threshold is kept.
        for (int i = candidates.length - 1; i >= 0; i--) {
            ConfusionMatrix confusion = BinaryMetrics.confusion(truth, probabilities, candidates[i]);
            if (minRecall == null) {
                if (best == null || confusion.f1() > best.validation().f1()) {
                    best = new Choice(candidates[i], "", confusion);
                }
            } else if (confusion.recall() >= minRecall) {
                best = new Choice(candidates[i], "", confusion);
                break;
            }
        }
        ConfusionMatrix at = best.validation();
        String figures = String.format(Locale.ROOT, "validation precision %.3f, recall %.3f, F1 %.3f (%d of %d "
                + "students flagged)", at.precision(), at.recall(), at.f1(), at.truePositives() + at.falsePositives(),
                at.total());
        String rule = minRecall == null
                ? "the threshold with the best F1 on the validation split (" + figures + ")"
                : String.format(Locale.ROOT, "the highest threshold whose recall on the validation split is at least "
                        + "%.2f (--min-recall; %s)", minRecall, figures);
        return new Choice(best.value(), rule, at);
    }
}
