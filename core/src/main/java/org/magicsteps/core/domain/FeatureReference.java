package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * How one feature was distributed in the data a model was trained on: the reference that drift
 * is measured against. A numeric feature has {@code n + 1} ascending bin edges and {@code n}
 * counts (bin {@code i} holds {@code edges[i] <= x < edges[i+1]}, the last bin also its upper
 * edge); a categorical one a count per category. A feature whose training distribution is not
 * known (an imported model) has neither.
 *
 * @param feature the feature's canonical name
 * @param numeric whether it holds numbers (else words)
 * @param readByModel whether the model reads it; a feature it accepts and ignores is still
 *     measured, and marked
 * @param edges the bin edges of a numeric feature, else empty
 * @param categories the training categories of a categorical feature, lower-cased, else empty
 * @param counts how many training rows fell in each bin or category; empty when unknown
 * @param missing how many training rows lacked the value, or {@code null} when not recorded
 */
public record FeatureReference(String feature, boolean numeric, boolean readByModel, List<Double> edges,
        List<String> categories, List<Long> counts, Long missing) {

    public FeatureReference {
        if (feature == null || feature.isBlank()) {
            throw new IllegalArgumentException("feature must not be blank");
        }
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        counts = List.copyOf(Objects.requireNonNull(counts, "counts"));
        if (!counts.isEmpty()) {
            int bins = numeric ? edges.size() - 1 : categories.size();
            if (numeric && !categories.isEmpty() || !numeric && !edges.isEmpty()) {
                throw new IllegalArgumentException(feature + ": a " + (numeric ? "numeric" : "categorical")
                        + " reference has " + (numeric ? "bin edges only" : "categories only"));
            }
            if (bins < 1 || counts.size() != bins) {
                throw new IllegalArgumentException(feature + ": a reference with " + bins + " bins needs " + bins
                        + " counts, has " + counts.size());
            }
            for (int i = 1; i < edges.size(); i++) {
                if (!(edges.get(i) > edges.get(i - 1))) {
                    throw new IllegalArgumentException(feature + ": bin edges must ascend: " + edges);
                }
            }
            if (counts.stream().anyMatch(c -> c < 0)) {
                throw new IllegalArgumentException(feature + ": counts must not be negative: " + counts);
            }
        } else if (!edges.isEmpty() || !categories.isEmpty()) {
            throw new IllegalArgumentException(feature + ": bins without counts");
        }
        if (missing != null && missing < 0) {
            throw new IllegalArgumentException(feature + ": missing " + missing + " is negative");
        }
    }

    /** A numeric feature's training histogram. */
    public static FeatureReference numeric(String feature, boolean readByModel, List<Double> edges, List<Long> counts,
            Long missing) {
        return new FeatureReference(feature, true, readByModel, edges, List.of(), counts, missing);
    }

    /** A categorical feature's training counts per category. */
    public static FeatureReference categorical(String feature, boolean readByModel, List<String> categories,
            List<Long> counts, Long missing) {
        return new FeatureReference(feature, false, readByModel, List.of(), categories, counts, missing);
    }

    /** A feature whose training distribution is not known. */
    public static FeatureReference unknown(String feature, boolean numeric, boolean readByModel) {
        return new FeatureReference(feature, numeric, readByModel, List.of(), List.of(), List.of(), null);
    }

    /** Whether the training distribution is known. */
    public boolean known() {
        return !counts.isEmpty();
    }

    /** The training rows that had a value. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
