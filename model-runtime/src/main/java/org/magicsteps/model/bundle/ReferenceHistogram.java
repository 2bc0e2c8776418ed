package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Objects;

/**
 * How a feature was distributed in the training data, kept so that drift in live traffic can be
 * measured against it. A numeric histogram has {@code n + 1} ascending bin edges and {@code n}
 * counts (bin {@code i} holds {@code edges[i] <= x < edges[i+1]}, the last bin also its upper
 * edge); a categorical one has a count per category.
 *
 * @param edges the bin edges of a numeric feature; empty for a categorical one
 * @param categories the categories of a categorical feature; empty for a numeric one
 * @param counts how many training rows fell in each bin or category
 */
public record ReferenceHistogram(List<Double> edges, List<String> categories, List<Long> counts) {

    public ReferenceHistogram {
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
        categories = List.copyOf(Objects.requireNonNull(categories, "categories"));
        counts = List.copyOf(Objects.requireNonNull(counts, "counts"));
        if (edges.isEmpty() == categories.isEmpty()) {
            throw new IllegalArgumentException("a histogram has either bin edges or categories");
        }
        int bins = edges.isEmpty() ? categories.size() : edges.size() - 1;
        if (bins < 1 || counts.size() != bins) {
            throw new IllegalArgumentException("a histogram with " + bins + " bins needs " + bins + " counts, has "
                    + counts.size());
        }
        for (int i = 1; i < edges.size(); i++) {
            if (!(edges.get(i) > edges.get(i - 1))) {
                throw new IllegalArgumentException("histogram edges must ascend: " + edges);
            }
        }
        if (counts.stream().anyMatch(c -> c < 0)) {
            throw new IllegalArgumentException("histogram counts must not be negative: " + counts);
        }
    }

    public static ReferenceHistogram numeric(List<Double> edges, List<Long> counts) {
        return new ReferenceHistogram(edges, List.of(), counts);
    }

    public static ReferenceHistogram categorical(List<String> categories, List<Long> counts) {
        return new ReferenceHistogram(List.of(), categories, counts);
    }

    public boolean isNumeric() {
        return !edges.isEmpty();
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
