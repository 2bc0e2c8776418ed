package org.magicsteps.model.bundle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a feature was distributed in the training data, kept so that drift in live traffic can be
 * measured against it. A numeric histogram has {@code n + 1} ascending bin edges and {@code n}
 * counts (bin {@code i} holds {@code edges[i] <= x < edges[i+1]}, the last bin also its upper
 * edge); a categorical one has a count per category.
 *
 * @param edges the bin edges of a numeric feature; empty for a categorical one
 * @param categories the categories of a categorical feature; empty for a numeric one
 * @param counts how many training rows fell in each bin or category
 * @param missing how many training rows had no value, or {@code null} when not recorded (bundles
 *     written before it was)
 */
public record ReferenceHistogram(List<Double> edges, List<String> categories, List<Long> counts, Long missing) {

    /** The number of equal-width bins of a numeric histogram built from values. */
    public static final int BINS = 10;

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
        if (missing != null && missing < 0) {
            throw new IllegalArgumentException("histogram missing count must not be negative: " + missing);
        }
    }

    /** A histogram without a missing count. */
    public ReferenceHistogram(List<Double> edges, List<String> categories, List<Long> counts) {
        this(edges, categories, counts, null);
    }

    public static ReferenceHistogram numeric(List<Double> edges, List<Long> counts) {
        return new ReferenceHistogram(edges, List.of(), counts);
    }

    public static ReferenceHistogram categorical(List<String> categories, List<Long> counts) {
        return new ReferenceHistogram(List.of(), categories, counts);
    }

    /**
     * The histogram of {@code values} in {@value #BINS} equal-width bins from their minimum to their
     * maximum (one bin {@code [v, v + 1]} when they are all equal).
     *
     * @param missing how many rows had no value
     * @throws IllegalArgumentException when there is no value
     */
    public static ReferenceHistogram ofValues(double[] values, long missing) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one value");
        }
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        if (max == min) {
            return new ReferenceHistogram(List.of(min, min + 1), List.of(), List.of((long) values.length), missing);
        }
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= BINS; i++) {
            edges.add(i == BINS ? max : min + (max - min) * i / BINS);
        }
        long[] counts = new long[BINS];
        for (double v : values) {
            counts[Math.min(BINS - 1, (int) ((v - min) / (max - min) * BINS))]++;
        }
        return new ReferenceHistogram(edges, List.of(), Arrays.stream(counts).boxed().toList(), missing);
    }

    /**
     * The count of each word, over {@code categories} and every word seen, in alphabetical order.
     *
     * @param missing how many rows had no word
     * @throws IllegalArgumentException when there is neither a category nor a word
     */
    public static ReferenceHistogram ofWords(Collection<String> categories, List<String> words, long missing) {
        TreeSet<String> all = new TreeSet<>(categories);
        all.addAll(words);
        Map<String, Long> counts = new LinkedHashMap<>();
        all.forEach(c -> counts.put(c, 0L));
        words.forEach(w -> counts.merge(w, 1L, Long::sum));
        return new ReferenceHistogram(List.of(), List.copyOf(counts.keySet()), List.copyOf(counts.values()), missing);
    }

    public boolean isNumeric() {
        return !edges.isEmpty();
    }

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
