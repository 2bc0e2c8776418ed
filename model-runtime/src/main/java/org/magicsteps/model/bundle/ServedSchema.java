package org.magicsteps.model.bundle;

import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.PedeDomain;
import org.magicsteps.core.domain.TrainedValues;

/**
 * The rules a bundle is served with: what its manifest accepts, widened to the PEDE domain (so
 * that a model trained on one year scores the next), each feature knowing what the model saw of it
 * in training, so that values beyond it are flagged. What training saw is read from what the
 * manifest carries: a numeric feature's histogram (its edges span the training values), else its
 * min-max scaling (the scaler's training range, as the original's export records it), else its
 * validation bounds; a categorical feature's histogram categories that occurred, else its
 * transform's categories. The stand-in for a missing value is the manifest's imputation. A
 * feature the model ignores is never flagged.
 */
public final class ServedSchema {

    private ServedSchema() {
    }

    /** The schema {@code manifest}'s model is served with under {@code domain}. */
    public static FeatureSchema of(BundleManifest manifest, PedeDomain domain) {
        List<FeatureSpec> specs = new ArrayList<>(manifest.features().size());
        for (FeatureDefinition feature : manifest.features()) {
            TrainedValues trained = trained(feature);
            specs.add(trained == null ? feature.spec() : feature.spec().withTrained(trained));
        }
        return domain.widen(new FeatureSchema(specs));
    }

    /** What training saw of {@code feature}, or {@code null} when the manifest does not say (or the model ignores it). */
    static TrainedValues trained(FeatureDefinition feature) {
        Transform transform = feature.transform();
        if (transform instanceof Transform.Ignored) {
            return null;
        }
        ReferenceHistogram histogram = feature.histogram();
        FeatureSpec spec = feature.spec();
        if (spec.type().isNumeric()) {
            if (histogram != null && histogram.isNumeric()) {
                List<Double> edges = histogram.edges();
                // A feature that had one value keeps it as a one-wide first bin: its range is that value.
                double high = edges.size() == 2 && histogram.counts().get(0) > 0 && singleValue(feature)
                        ? edges.get(0) : edges.get(edges.size() - 1);
                return TrainedValues.range(edges.get(0), high, feature.imputation());
            }
            if (transform instanceof Transform.MinMax minMax) {
                return TrainedValues.range(minMax.min(), minMax.max(), feature.imputation());
            }
            if (spec.minimum() != null && spec.maximum() != null) {
                return TrainedValues.range(spec.minimum(), spec.maximum(), feature.imputation());
            }
            return null;
        }
        List<String> seen = new ArrayList<>();
        if (histogram != null && !histogram.isNumeric()) {
            for (int i = 0; i < histogram.categories().size(); i++) {
                if (histogram.counts().get(i) > 0) {
                    seen.add(histogram.categories().get(i));
                }
            }
        } else if (transform instanceof Transform.OneHot oneHot) {
            seen.addAll(oneHot.categories());
        } else if (transform instanceof Transform.Ordinal ordinal) {
            seen.addAll(ordinal.categories());
        } else {
            seen.addAll(spec.categories());
        }
        return seen.isEmpty() ? null : TrainedValues.words(seen, feature.imputedCategory());
    }

    /** Training writes a constant feature's histogram as the one bin [value, value + 1]. */
    private static boolean singleValue(FeatureDefinition feature) {
        return feature.transform() instanceof Transform.Standard standard && standard.std() == 0.0;
    }
}
