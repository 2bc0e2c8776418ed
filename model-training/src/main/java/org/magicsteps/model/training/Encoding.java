package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.InputEncoder;
import org.magicsteps.model.bundle.ReferenceHistogram;
import org.magicsteps.model.bundle.Transform;
import org.magicsteps.model.data.MostFrequent;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * The preprocessing fitted on one set of rows (never on the rows it is judged on): for each
 * numeric feature its median (imputation) and mean and standard deviation (scaling); for each
 * categorical one its mode (imputation) and the categories seen (one-hot); the scaling of each
 * derived feature; and each feature's reference histogram. The result is the bundle's feature
 * definitions, and the {@link InputEncoder} built from them encodes the rows a model is trained
 * on, so training and serving encode alike by construction.
 */
final class Encoding {

    private static final int HISTOGRAM_BINS = 10;

    private final List<FeatureDefinition> features;
    private final List<DerivedFeature> derived;
    private final InputEncoder encoder;

    private Encoding(List<FeatureDefinition> features, List<DerivedFeature> derived) {
        this.features = List.copyOf(features);
        this.derived = List.copyOf(derived);
        this.encoder = new InputEncoder(features, derived);
    }

    /**
     * Fits the preprocessing of {@code plan} on {@code rows}.
     *
     * @param specs the validation rules of every feature, in model order
     * @throws SheetException when a feature the model reads has no value in {@code rows}
     */
    static Encoding fit(FeaturePlan plan, List<FeatureSpec> specs, List<Student> rows) {
        List<FeatureDefinition> features = new ArrayList<>();
        Map<String, Double> medians = new LinkedHashMap<>();
        for (FeatureSpec spec : specs) {
            boolean ignored = plan.ignored().contains(spec.name());
            if (spec.type().isNumeric()) {
                double[] values = rows.stream().map(s -> s.features().number(spec.name()))
                        .filter(v -> v.isPresent()).mapToDouble(v -> v.getAsDouble()).toArray();
                ReferenceHistogram histogram = values.length == 0 ? null : numericHistogram(values);
                if (ignored) {
                    // The model does not need it, so the API no longer requires it (a value sent is still validated).
                    features.add(new FeatureDefinition(spec.optional(), new Transform.Ignored(), null, histogram));
                    continue;
                }
                requireValues(spec, values.length);
                double median = median(values);
                medians.put(spec.name(), median);
                double[] imputed = rows.stream().mapToDouble(s -> s.features().number(spec.name()).orElse(median))
                        .toArray();
                features.add(new FeatureDefinition(spec, standard(imputed), median, histogram));
            } else {
                List<String> words = rows.stream().map(s -> s.features().category(spec.name()))
                        .filter(w -> w.isPresent()).map(w -> w.get()).toList();
                ReferenceHistogram histogram = words.isEmpty() ? null : categoricalHistogram(spec, words);
                if (ignored) {
                    // The model does not need it, so the API no longer requires it (a value sent is still validated).
                    features.add(new FeatureDefinition(spec.optional(), new Transform.Ignored(), null, histogram));
                    continue;
                }
                requireValues(spec, words.size());
                // An earlier year's stone is absent for a student new this year: that absence is information
                // (all-zero one-hot columns), not a gap to fill with the most frequent stone.
                String mode = OriginalFeatures.EARLIER_YEAR_NAMES.contains(spec.name()) ? null : MostFrequent.of(words);
                features.add(new FeatureDefinition(spec, new Transform.OneHot(List.copyOf(new TreeSet<>(words))), null,
                        histogram, mode));
            }
        }
        List<DerivedFeature> derived = new ArrayList<>();
        for (FeaturePlan.Derived candidate : plan.derived()) {
            double[] values = new double[rows.size()];
            for (int i = 0; i < values.length; i++) {
                Map<String, Double> raw = new LinkedHashMap<>();
                for (String input : candidate.expression().inputs()) {
                    raw.put(input, rows.get(i).features().number(input).orElse(medians.get(input)));
                }
                values[i] = candidate.expression().evaluate(raw);
            }
            derived.add(FeaturePlan.bundled(candidate, standard(values)));
        }
        return new Encoding(features, derived);
    }

    List<FeatureDefinition> features() {
        return features;
    }

    List<DerivedFeature> derived() {
        return derived;
    }

    int width() {
        return encoder.width();
    }

    List<String> inputNames() {
        return encoder.inputNames();
    }

    /** The model input of each row, as the bundle will encode it when serving. */
    float[][] encode(List<Student> rows) {
        float[][] encoded = new float[rows.size()][encoder.width()];
        for (int i = 0; i < encoded.length; i++) {
            encoder.encode(rows.get(i).features().values(), encoded[i], 0);
        }
        return encoded;
    }

    /**
     * For every model input, the smallest and largest value a valid student can give it: numeric
     * features over their validation bounds, one-hot columns 0 or 1, derived features by interval
     * arithmetic over their inputs' bounds (an outer bound, since their inputs vary together).
     *
     * @return {@code [low, high]}, each as wide as the model input
     */
    double[][] inputBounds() {
        double[] low = new double[width()];
        double[] high = new double[width()];
        Map<String, double[]> raw = new LinkedHashMap<>();
        int column = 0;
        for (FeatureDefinition f : features) {
            Transform t = f.transform();
            if (f.type().isNumeric()) {
                double min = f.spec().minimum() == null ? Double.NEGATIVE_INFINITY : f.spec().minimum();
                double max = f.spec().maximum() == null ? Double.POSITIVE_INFINITY : f.spec().maximum();
                raw.put(f.name(), new double[] {min, max});
            }
            for (int k = 0; k < t.width(); k++, column++) {
                double[] range = t.categorical() ? new double[] {0, 1} : encoded(t, raw.get(f.name()));
                low[column] = range[0];
                high[column] = range[1];
            }
        }
        for (DerivedFeature d : derived) {
            double[] range = encoded(d.transform(), interval(d.expression(), raw));
            low[column] = range[0];
            high[column] = range[1];
            column++;
        }
        return new double[][] {low, high};
    }

    private static double[] encoded(Transform transform, double[] range) {
        float[] a = new float[1];
        float[] b = new float[1];
        transform.encode(range[0], a, 0);
        transform.encode(range[1], b, 0);
        return new double[] {Math.min(a[0], b[0]), Math.max(a[0], b[0])};
    }

    private static double[] interval(DerivedFeature.Expression expression, Map<String, double[]> raw) {
        if (expression instanceof DerivedFeature.Expression.Mean mean) {
            double low = 0;
            double high = 0;
            for (String input : mean.of()) {
                low += raw.get(input)[0] / mean.of().size();
                high += raw.get(input)[1] / mean.of().size();
            }
            return new double[] {low, high};
        }
        if (expression instanceof DerivedFeature.Expression.Product product) {
            if (product.of().size() == 2 && product.of().get(0).equals(product.of().get(1))) {
                double[] r = raw.get(product.of().get(0));
                double top = Math.max(r[0] * r[0], r[1] * r[1]);
                return new double[] {r[0] <= 0 && r[1] >= 0 ? 0 : Math.min(r[0] * r[0], r[1] * r[1]), top};
            }
            double[] acc = {1, 1};
            for (String input : product.of()) {
                double[] r = raw.get(input);
                double[] c = {acc[0] * r[0], acc[0] * r[1], acc[1] * r[0], acc[1] * r[1]};
                acc = new double[] {Arrays.stream(c).min().orElseThrow(), Arrays.stream(c).max().orElseThrow()};
            }
            return acc;
        }
        DerivedFeature.Expression.Ratio ratio = (DerivedFeature.Expression.Ratio) expression;
        double[] n = raw.get(ratio.numerator());
        double[] d = raw.get(ratio.denominator());
        // The encoder refuses a ratio whose denominator + offset can reach 0, so it is positive here.
        double[] c = {n[0] / (d[0] + ratio.offset()), n[0] / (d[1] + ratio.offset()), n[1] / (d[0] + ratio.offset()),
            n[1] / (d[1] + ratio.offset())};
        return new double[] {Arrays.stream(c).min().orElseThrow(), Arrays.stream(c).max().orElseThrow()};
    }

    private static void requireValues(FeatureSpec spec, int count) {
        if (count == 0) {
            throw new SheetException(spec.name() + ": has no value in the rows the preprocessing is fitted on;"
                    + (OriginalFeatures.EARLIER_YEAR_NAMES.contains(spec.name()) ? " leave it out of --include"
                            : " exclude it with --exclude " + spec.name()));
        }
    }

    private static Transform.Standard standard(double[] values) {
        double mean = Arrays.stream(values).average().orElseThrow();
        double variance = Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / values.length;
        return new Transform.Standard(mean, Math.sqrt(variance));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static ReferenceHistogram numericHistogram(double[] values) {
        double min = Arrays.stream(values).min().orElseThrow();
        double max = Arrays.stream(values).max().orElseThrow();
        if (max == min) {
            return ReferenceHistogram.numeric(List.of(min, min + 1), List.of((long) values.length));
        }
        List<Double> edges = new ArrayList<>();
        for (int i = 0; i <= HISTOGRAM_BINS; i++) {
            edges.add(i == HISTOGRAM_BINS ? max : min + (max - min) * i / HISTOGRAM_BINS);
        }
        long[] counts = new long[HISTOGRAM_BINS];
        for (double v : values) {
            counts[Math.min(HISTOGRAM_BINS - 1, (int) ((v - min) / (max - min) * HISTOGRAM_BINS))]++;
        }
        return ReferenceHistogram.numeric(edges, Arrays.stream(counts).boxed().toList());
    }

    private static ReferenceHistogram categoricalHistogram(FeatureSpec spec, List<String> words) {
        TreeSet<String> categories = new TreeSet<>(spec.categories());
        categories.addAll(words);
        Map<String, Long> counts = new LinkedHashMap<>();
        categories.forEach(c -> counts.put(c, 0L));
        words.forEach(w -> counts.merge(w, 1L, Long::sum));
        return ReferenceHistogram.categorical(List.copyOf(counts.keySet()), List.copyOf(counts.values()));
    }
}
