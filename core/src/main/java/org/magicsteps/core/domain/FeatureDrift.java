package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * How one feature of recent data compares with the model's training reference.
 *
 * <p>The population stability index is the textbook one over the training bins:
 * {@code PSI = Σ (current share − training share) × ln(current share / training share)}, where
 * the shares are over the rows that have a value, a value below the first edge or above the last
 * falls in the first or last bin, and a word not seen in training falls in an extra "other" bin.
 * An empty bin's share is floored at {@value #EMPTY_BIN_SHARE} on either side (Evidently's
 * default), so that the logarithm stays finite; the other shares are left as they are.
 *
 * @param feature the feature's canonical name
 * @param numeric whether it holds numbers
 * @param readByModel whether the model reads it (a feature it ignores is listed, marked so)
 * @param bins a label per bin: {@code "3.0–3.6"} for numbers, the category for words
 * @param referenceCounts training rows per bin; empty when the reference is unknown
 * @param currentCounts rows of the recent data per bin
 * @param rows rows of the recent data
 * @param missing rows of the recent data without a value (absent, blank or unreadable)
 * @param outside rows whose value lies outside the training range (below the first edge, above the
 *     last, or a word not seen in training)
 * @param referenceMissingShare the share of training rows without a value, or {@code null} when
 *     not recorded
 * @param psi the population stability index, or {@code null} when there is nothing to compare (no
 *     reference, or no row)
 * @param level the drift level: by {@code psi}; {@link DriftLevel#MAJOR} when every row lacks the
 *     value; {@code null} when {@code psi} is {@code null} for another reason
 */
public record FeatureDrift(String feature, boolean numeric, boolean readByModel, List<String> bins,
        List<Long> referenceCounts, List<Long> currentCounts, long rows, long missing, long outside,
        Double referenceMissingShare, Double psi, DriftLevel level) {

    /** The share an empty bin counts for. */
    public static final double EMPTY_BIN_SHARE = 1e-4;

    public FeatureDrift {
        Objects.requireNonNull(feature, "feature");
        bins = List.copyOf(bins);
        referenceCounts = List.copyOf(referenceCounts);
        currentCounts = List.copyOf(currentCounts);
        if (currentCounts.size() != bins.size() || !referenceCounts.isEmpty() && referenceCounts.size() != bins.size()) {
            throw new IllegalArgumentException(feature + ": " + bins.size() + " bins need as many counts");
        }
        if (rows < 0 || missing < 0 || outside < 0 || missing > rows || outside > rows - missing) {
            throw new IllegalArgumentException(feature + ": inconsistent counts rows=" + rows + " missing=" + missing
                    + " outside=" + outside);
        }
    }

    /**
     * The population stability index of {@code current} against {@code reference}, bin by bin,
     * each as shares of its own total, an empty bin's share floored at {@value #EMPTY_BIN_SHARE}.
     *
     * @throws IllegalArgumentException when the lists differ in length or a total is zero
     */
    public static double psi(List<Long> reference, List<Long> current) {
        if (reference.size() != current.size() || reference.isEmpty()) {
            throw new IllegalArgumentException("PSI needs as many reference bins as current ones, got "
                    + reference.size() + " and " + current.size());
        }
        double referenceTotal = sum(reference);
        double currentTotal = sum(current);
        if (referenceTotal == 0 || currentTotal == 0) {
            throw new IllegalArgumentException("PSI needs rows on both sides");
        }
        double psi = 0;
        for (int i = 0; i < reference.size(); i++) {
            double expected = share(reference.get(i), referenceTotal);
            double actual = share(current.get(i), currentTotal);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }

    /** Rows with a value. */
    public long present() {
        return rows - missing;
    }

    /** The share of rows without a value, or {@code null} without rows. */
    public Double missingShare() {
        return rows == 0 ? null : (double) missing / rows;
    }

    /** The share of the values present that lie outside the training range, or {@code null} without any. */
    public Double outsideShare() {
        return present() == 0 ? null : (double) outside / present();
    }

    /** The training share of each bin, or an empty list when the reference is unknown. */
    public List<Double> referenceShares() {
        return shares(referenceCounts);
    }

    /** The recent data's share of each bin (of the rows with a value). */
    public List<Double> currentShares() {
        return shares(currentCounts);
    }

    private static List<Double> shares(List<Long> counts) {
        double total = sum(counts);
        return counts.stream().map(c -> total == 0 ? 0.0 : c / total).toList();
    }

    private static double share(long count, double total) {
        return count == 0 ? EMPTY_BIN_SHARE : count / total;
    }

    private static double sum(List<Long> counts) {
        double total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }
}
