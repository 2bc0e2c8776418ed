package org.magicsteps.model.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.ExplanationReference;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.InputEncoder;
import org.magicsteps.model.bundle.ReferenceHistogram;
import org.magicsteps.model.bundle.Transform;

/**
 * Makes the {@link ExplanationReference} an explainer needs: from training rows (what {@code train}
 * writes into a bundle, and {@code model import --reference} from a sheet), or, for a bundle that
 * does not carry one, from what the bundle does carry.
 */
public final class ExplanationReferences {

    /** The seed the background is drawn with when the rows come with none of their own. */
    public static final long SEED = 42;

    /** How many background students a reference holds. */
    public static final int BACKGROUND_SIZE = KernelShapExplainer.DEFAULT_MAX_BACKGROUND;

    private ExplanationReferences() {
    }

    /**
     * The reference of {@code rows} (the training rows): the mean of every model input over all of
     * them, and {@value #BACKGROUND_SIZE} of them (all when fewer) drawn with {@code seed}, in their
     * original order.
     *
     * @param rows students that pass the manifest's schema
     * @param source how the rows came about, for people
     * @throws IllegalArgumentException when {@code rows} is empty or a row does not pass the schema
     */
    public static ExplanationReference fromRows(BundleManifest manifest, List<StudentFeatures> rows, long seed,
            String source) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an explanation reference needs at least one row");
        }
        InputEncoder encoder = manifest.encoder();
        double[] sums = new double[encoder.width()];
        float[] row = new float[encoder.width()];
        for (StudentFeatures student : rows) {
            encoder.encode(student.values(), row, 0);
            for (int k = 0; k < row.length; k++) {
                sums[k] += row[k];
            }
        }
        List<Double> means = new ArrayList<>(sums.length);
        for (double sum : sums) {
            means.add(sum / rows.size());
        }
        List<StudentFeatures> background = sample(rows, BACKGROUND_SIZE, seed);
        String described = String.format(Locale.ROOT, "%s: input means over %d rows, %d of them as background (seed %d)",
                source, rows.size(), background.size(), seed);
        return new ExplanationReference(described, means, background);
    }

    /**
     * {@code manifest} with what {@code rows} say about the data the model learnt from: every
     * feature's histogram (as training writes it, with its missing count) and the explanation
     * reference of {@link #fromRows}. For a model that came without its training data (the original
     * service's), from a sheet believed to be like it.
     *
     * @param rows students that pass the manifest's schema
     * @throws IllegalArgumentException when {@code rows} is empty
     */
    public static BundleManifest withReferenceRows(BundleManifest manifest, List<StudentFeatures> rows, long seed,
            String source) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a reference needs at least one row");
        }
        List<FeatureDefinition> features = new ArrayList<>();
        for (FeatureDefinition f : manifest.features()) {
            if (f.type().isNumeric()) {
                double[] values = rows.stream().map(s -> s.number(f.name())).filter(v -> v.isPresent())
                        .mapToDouble(v -> v.getAsDouble()).toArray();
                features.add(values.length == 0 ? f
                        : f.withHistogram(ReferenceHistogram.ofValues(values, rows.size() - values.length)));
            } else {
                List<String> words = rows.stream().map(s -> s.category(f.name())).filter(w -> w.isPresent())
                        .map(w -> w.get()).toList();
                features.add(words.isEmpty() ? f : f.withHistogram(ReferenceHistogram.ofWords(f.spec().categories(),
                        words, rows.size() - words.size())));
            }
        }
        BundleManifest referenced = manifest.withFeatures(features);
        return referenced.withExplanation(fromRows(referenced, rows, seed, source));
    }

    /**
     * The bundle's own reference, or, when it carries none (bundles written before references
     * were, the original service's export without its parity sample), one derived from what it
     * carries: input means exact where the transforms say them (a standardised input's training
     * mean is 0, a one-hot input's is its category's share in the histogram), a background of
     * {@value #BACKGROUND_SIZE} students whose features are drawn independently from the training
     * histograms (at evenly spaced quantiles, shuffled with a fixed seed); a feature without a
     * histogram takes its imputation value, else the middle of its scaler's range, or its first
     * category.
     */
    public static ExplanationReference of(BundleManifest manifest) {
        if (manifest.explanation() != null) {
            ExplanationReference carried = manifest.explanation();
            if (!carried.inputMeans().isEmpty()) {
                return carried;
            }
            return new ExplanationReference(carried.source(), derivedMeans(manifest, carried.background()),
                    carried.background());
        }
        List<StudentFeatures> background = marginalBackground(manifest);
        boolean histograms = manifest.features().stream().anyMatch(f -> f.histogram() != null);
        String source = histograms
                ? background.size() + " students drawn feature by feature from the training histograms (seed "
                        + Coalitions.SEED + "); input means from the transforms and histograms"
                : "one reference student: each feature's imputation, the middle of its scaler's range or its first"
                        + " category";
        return new ExplanationReference(source, derivedMeans(manifest, background), background);
    }

    private static List<Double> derivedMeans(BundleManifest manifest, List<StudentFeatures> background) {
        InputEncoder encoder = manifest.encoder();
        double[] backgroundMeans = new double[encoder.width()];
        float[] row = new float[encoder.width()];
        for (StudentFeatures student : background) {
            encoder.encode(student.values(), row, 0);
            for (int k = 0; k < row.length; k++) {
                backgroundMeans[k] += row[k] / (double) background.size();
            }
        }
        List<Double> means = new ArrayList<>(encoder.width());
        int k = 0;
        for (FeatureDefinition f : manifest.features()) {
            Transform t = f.transform();
            if (t instanceof Transform.Standard) {
                means.add(0.0);
            } else if (t instanceof Transform.OneHot oneHot && f.histogram() != null && f.histogram().total() > 0) {
                ReferenceHistogram h = f.histogram();
                long total = h.total() + (f.imputedCategory() != null && h.missing() != null ? h.missing() : 0);
                for (String category : oneHot.categories()) {
                    int at = h.categories().indexOf(category);
                    long count = at < 0 ? 0 : h.counts().get(at);
                    if (category.equals(f.imputedCategory()) && h.missing() != null) {
                        count += h.missing();
                    }
                    means.add((double) count / total);
                }
            } else {
                for (int i = 0; i < t.width(); i++) {
                    means.add(backgroundMeans[k + i]);
                }
            }
            k += t.width();
        }
        for (DerivedFeature d : manifest.derived()) {
            means.add(d.transform() instanceof Transform.Standard ? 0.0 : backgroundMeans[k]);
            k++;
        }
        return means;
    }

    private static List<StudentFeatures> marginalBackground(BundleManifest manifest) {
        int n = BACKGROUND_SIZE;
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(new LinkedHashMap<>());
        }
        List<FeatureDefinition> features = manifest.features();
        for (int f = 0; f < features.size(); f++) {
            FeatureDefinition feature = features.get(f);
            int[] order = permutation(n, new SplittableRandom(Coalitions.SEED + f));
            for (int r = 0; r < n; r++) {
                double q = (order[r] + 0.5) / n;
                rows.get(r).put(feature.name(), valueAt(feature, q));
            }
        }
        LinkedHashSet<StudentFeatures> distinct = new LinkedHashSet<>();
        rows.forEach(row -> distinct.add(new StudentFeatures(row)));
        return List.copyOf(distinct);
    }

    /** The value at quantile {@code q} of the feature's training histogram, or its fallback value. */
    private static Object valueAt(FeatureDefinition feature, double q) {
        FeatureSpec spec = feature.spec();
        ReferenceHistogram h = feature.histogram();
        if (h != null && h.total() > 0) {
            double target = q * h.total();
            for (int i = 0; i < h.counts().size(); i++) {
                long count = h.counts().get(i);
                if (target < count || i == h.counts().size() - 1) {
                    if (!h.isNumeric()) {
                        return h.categories().get(i);
                    }
                    double within = count == 0 ? 0.5 : Math.min(1, target / count);
                    double value = h.edges().get(i) + within * (h.edges().get(i + 1) - h.edges().get(i));
                    return fit(spec, value);
                }
                target -= count;
            }
        }
        if (!spec.type().isNumeric()) {
            if (feature.imputedCategory() != null) {
                return feature.imputedCategory();
            }
            Transform t = feature.transform();
            if (t instanceof Transform.Ordinal o) {
                return o.categories().get(0);
            }
            if (t instanceof Transform.OneHot o) {
                return o.categories().get(0);
            }
            return spec.categories().get(0);
        }
        if (feature.imputation() != null) {
            return fit(spec, feature.imputation());
        }
        Transform t = feature.transform();
        if (t instanceof Transform.MinMax mm) {
            return fit(spec, (mm.min() + mm.max()) / 2);
        }
        if (t instanceof Transform.Standard s) {
            return fit(spec, s.mean());
        }
        double low = spec.minimum() == null ? 0 : spec.minimum();
        double high = spec.maximum() == null ? low : spec.maximum();
        return fit(spec, (low + high) / 2);
    }

    /** A value the feature accepts: whole for an integer, within the validation range. */
    private static Double fit(FeatureSpec spec, double value) {
        double v = spec.type() == FeatureType.INTEGER ? Math.rint(value) : value;
        if (spec.minimum() != null) {
            v = Math.max(v, spec.minimum());
        }
        if (spec.maximum() != null) {
            v = Math.min(v, spec.maximum());
        }
        return v;
    }

    private static List<StudentFeatures> sample(List<StudentFeatures> rows, int size, long seed) {
        if (rows.size() <= size) {
            return List.copyOf(rows);
        }
        int[] order = permutation(rows.size(), new SplittableRandom(seed));
        int[] chosen = java.util.Arrays.copyOf(order, size);
        java.util.Arrays.sort(chosen);
        List<StudentFeatures> picked = new ArrayList<>(size);
        for (int i : chosen) {
            picked.add(rows.get(i));
        }
        return picked;
    }

    private static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
