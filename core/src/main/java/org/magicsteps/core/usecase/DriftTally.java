package org.magicsteps.core.usecase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.magicsteps.core.domain.DriftLevel;
import org.magicsteps.core.domain.FeatureDrift;
import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.FeatureVisitor;

/**
 * Counts, feature by feature, how rows fall into the bins of a model's training reference. It
 * holds one counter per bin and nothing per row, so that a million rows take the memory of one.
 * Rows come as maps of raw values (a sheet) or value by value (the log, as a {@link FeatureVisitor}).
 * Not safe for use by several threads.
 */
final class DriftTally implements FeatureVisitor {

    private static final String OTHER = "(other)";

    private final List<Feature> features = new ArrayList<>();
    private final Map<String, Feature> byName = new HashMap<>();
    private long rows;

    DriftTally(List<FeatureReference> references) {
        references.forEach(r -> {
            Feature feature = new Feature(r);
            features.add(feature);
            byName.put(r.feature(), feature);
        });
    }

    /** Counts one row of raw values by feature name (numbers, numeric text, words; absent or blank is missing). */
    void add(Map<String, ?> values) {
        rows++;
        for (Feature feature : features) {
            feature.add(values.get(feature.reference.feature()));
        }
    }

    @Override
    public void number(String feature, double value) {
        Feature f = byName.get(feature);
        if (f != null) {
            f.seen = rows + 1;
            f.add(value);
        }
    }

    @Override
    public void word(String feature, String value) {
        Feature f = byName.get(feature);
        if (f != null) {
            f.seen = rows + 1;
            f.add(value);
        }
    }

    @Override
    public void endOfRecord() {
        rows++;
        for (Feature feature : features) {
            if (feature.seen != rows) {
                feature.missing++;
            }
        }
    }

    long rows() {
        return rows;
    }

    List<FeatureDrift> drifts() {
        List<FeatureDrift> drifts = new ArrayList<>(features.size());
        features.forEach(f -> drifts.add(f.drift(rows)));
        return drifts;
    }

    /** One feature's counters. */
    private static final class Feature {

        private final FeatureReference reference;
        private final double[] edges;
        private final Map<String, Integer> categories = new HashMap<>();
        private final long[] counts;
        private long missing;
        private long outside;
        /** The number of the last record that gave this feature a value (visited rows count from 1). */
        private long seen;

        Feature(FeatureReference reference) {
            this.reference = reference;
            this.edges = reference.edges().stream().mapToDouble(Double::doubleValue).toArray();
            for (int i = 0; i < reference.categories().size(); i++) {
                categories.put(reference.categories().get(i), i);
            }
            // A categorical reference gets one more bin, for words training never saw.
            this.counts = new long[!reference.known() ? 0 : reference.numeric() ? edges.length - 1
                    : categories.size() + 1];
        }

        void add(double value) {
            if (!reference.numeric()) {
                add((Object) value);
            } else if (counts.length > 0) {
                countNumber(value);
            }
        }

        void add(Object value) {
            if (reference.numeric()) {
                double number = number(value);
                if (Double.isNaN(number)) {
                    missing++;
                } else if (counts.length > 0) {
                    countNumber(number);
                }
            } else {
                String word = word(value);
                if (word == null) {
                    missing++;
                } else if (counts.length > 0) {
                    Integer bin = categories.get(word);
                    if (bin == null) {
                        outside++;
                        counts[counts.length - 1]++;
                    } else {
                        counts[bin]++;
                    }
                }
            }
        }

        private void countNumber(double x) {
            int last = counts.length - 1;
            if (x < edges[0]) {
                outside++;
                counts[0]++;
            } else if (x > edges[edges.length - 1]) {
                outside++;
                counts[last]++;
            } else {
                // The largest i with edges[i] <= x; the last bin also holds its upper edge.
                int found = Arrays.binarySearch(edges, x);
                int bin = found >= 0 ? found : -found - 2;
                counts[Math.min(bin, last)]++;
            }
        }

        FeatureDrift drift(long rows) {
            List<String> bins = bins();
            List<Long> current = Arrays.stream(counts).boxed().toList();
            List<Long> referenceCounts = reference.known() ? referenceCounts() : List.of();
            Double referenceMissing = reference.missing() == null || !reference.known() ? null
                    : (double) reference.missing() / (reference.missing() + reference.total());
            Double psi = null;
            DriftLevel level = null;
            long present = rows - missing;
            if (reference.known() && reference.total() > 0 && rows > 0) {
                if (present > 0) {
                    psi = FeatureDrift.psi(referenceCounts, current);
                    level = DriftLevel.of(psi);
                } else {
                    // Every row lacks it: nothing to compare, and the model sees none of what it learnt from.
                    level = DriftLevel.MAJOR;
                }
            }
            return new FeatureDrift(reference.feature(), reference.numeric(), reference.readByModel(), bins,
                    referenceCounts, current, rows, missing, outside, referenceMissing, psi, level);
        }

        private List<Long> referenceCounts() {
            List<Long> counted = new ArrayList<>(reference.counts());
            if (!reference.numeric()) {
                counted.add(0L);
            }
            return counted;
        }

        private List<String> bins() {
            if (!reference.known()) {
                return List.of();
            }
            if (!reference.numeric()) {
                List<String> labels = new ArrayList<>(reference.categories());
                labels.add(OTHER);
                return labels;
            }
            List<String> labels = new ArrayList<>(edges.length - 1);
            for (int i = 0; i + 1 < edges.length; i++) {
                labels.add(plain(edges[i]) + "–" + plain(edges[i + 1]));
            }
            return labels;
        }

        /** The number a raw value holds, or NaN when it is absent, blank or not a number. */
        private static double number(Object value) {
            if (value instanceof Double d) {
                return d;
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : Double.NaN;
            }
            if (value instanceof String s && !s.isBlank()) {
                String text = s.trim();
                // A decimal comma, as a Portuguese sheet writes it, when there is no point.
                text = text.indexOf('.') < 0 ? text.replace(',', '.') : text;
                try {
                    double d = Double.parseDouble(text);
                    return Double.isFinite(d) ? d : Double.NaN;
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }

        /** The word a raw value holds, trimmed and lower-cased, or {@code null} when absent or blank. */
        private static String word(Object value) {
            if (value instanceof String s) {
                return s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
            }
            if (value instanceof Number n) {
                double d = n.doubleValue();
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
            }
            return null;
        }

        private static String plain(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.2f", value);
        }
    }
}
