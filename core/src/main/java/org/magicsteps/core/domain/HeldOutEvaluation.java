package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What any threshold would have done on students the model never learnt from (its held-out test
 * split): for each threshold worth distinguishing, how many students it flags (probability at or
 * above it) and how many of those reached the Ponto de Virada. From these, {@link #at(Threshold)}
 * gives the precision and recall of whatever threshold is in force, so that an admin who moves it
 * sees what the move costs and gains before making it.
 *
 * <p>Only counts are kept, no student and no feature: one point per distinct probability of the
 * split, which is every threshold at which a flag changes.
 *
 * @param split which students, in words (such as "the held-out test split: 138 students …")
 * @param students how many students the split holds
 * @param positives how many of them reached the Ponto de Virada
 * @param points by decreasing threshold; each counts the students at or above its threshold
 */
public record HeldOutEvaluation(String split, int students, int positives, List<OperatingPoint> points) {

    /**
     * One threshold's counts.
     *
     * @param threshold the threshold
     * @param flagged how many students have a probability at or above it
     * @param truePositives how many of those reached the Ponto de Virada
     */
    public record OperatingPoint(double threshold, int flagged, int truePositives) {
        public OperatingPoint {
            if (!Double.isFinite(threshold) || threshold < 0 || threshold > 1) {
                throw new IllegalArgumentException("an operating point's threshold must be within [0, 1], got "
                        + threshold);
            }
            if (flagged < 0 || truePositives < 0 || truePositives > flagged) {
                throw new IllegalArgumentException("an operating point needs 0 <= true positives (" + truePositives
                        + ") <= flagged (" + flagged + ")");
            }
        }
    }

    /**
     * What one threshold does on the split.
     *
     * @param flagged how many students it flags
     * @param truePositives how many of them reached the Ponto de Virada
     * @param precision the share of the flagged who reached it; {@code null} when none is flagged
     * @param recall the share of those who reached it that are flagged; {@code null} when none did
     */
    public record Outcome(double threshold, int flagged, int truePositives, Double precision, Double recall) {
    }

    public HeldOutEvaluation {
        Objects.requireNonNull(split, "split");
        if (students < 0 || positives < 0 || positives > students) {
            throw new IllegalArgumentException("a held-out split needs 0 <= positives (" + positives + ") <= students ("
                    + students + ")");
        }
        points = points.stream().sorted(Comparator.comparingDouble(OperatingPoint::threshold).reversed()).toList();
        for (OperatingPoint point : points) {
            if (point.flagged() > students || point.truePositives() > positives) {
                throw new IllegalArgumentException("the operating point at " + point.threshold() + " counts more "
                        + "students than the split holds");
            }
        }
    }

    /**
     * The operating points of {@code probabilities} against {@code truth}: one per distinct
     * probability.
     *
     * @throws IllegalArgumentException when the arrays differ in length or a probability is not within [0, 1]
     */
    public static HeldOutEvaluation of(String split, boolean[] truth, double[] probabilities) {
        if (truth.length != probabilities.length) {
            throw new IllegalArgumentException(truth.length + " truths for " + probabilities.length + " probabilities");
        }
        Integer[] order = new Integer[truth.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<OperatingPoint> points = new ArrayList<>();
        int flagged = 0;
        int truePositives = 0;
        int positives = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            flagged++;
            if (truth[i]) {
                truePositives++;
                positives++;
            }
            // Students tied on a probability are flagged together: one point after the last of them.
            if (k + 1 == order.length || probabilities[order[k + 1]] != probabilities[i]) {
                points.add(new OperatingPoint(probabilities[i], flagged, truePositives));
            }
        }
        return new HeldOutEvaluation(split, truth.length, positives, points);
    }

    /** Precision and recall on the split of a decision at {@code threshold} (flagged when p ≥ threshold). */
    public Outcome at(Threshold threshold) {
        OperatingPoint chosen = null;
        for (OperatingPoint point : points) {
            if (point.threshold() >= threshold.value()) {
                chosen = point;
            }
        }
        int flagged = chosen == null ? 0 : chosen.flagged();
        int truePositives = chosen == null ? 0 : chosen.truePositives();
        return new Outcome(threshold.value(), flagged, truePositives,
                flagged == 0 ? null : (double) truePositives / flagged,
                positives == 0 ? null : (double) truePositives / positives);
    }
}
