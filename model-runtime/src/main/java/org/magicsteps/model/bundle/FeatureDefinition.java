package org.magicsteps.model.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;

/**
 * One feature of a bundle: what the service accepts for it ({@link #spec()}, which becomes the
 * API's validation rule and its {@code /features} entry), how it becomes model input
 * ({@link #transform()}), what stands in when it is absent, and how it was distributed in
 * training.
 *
 * @param spec the validation rules: type, description, bounds or categories, required or not,
 *     whether unknown categories are accepted
 * @param transform how a valid value becomes model input, with its own fitted parameters
 * @param imputation for a numeric feature, the raw value used when it is absent (then
 *     transformed like any value); required for an optional numeric feature that the model
 *     reads, and may be given for a required one as the rule training applied (the training
 *     split's median). {@code null} otherwise.
 * @param histogram the training distribution, or {@code null} when unknown (imported models)
 * @param imputedCategory for a categorical feature, the word used when it is absent (the
 *     training split's mode); {@code null} to encode an absent word as the transform's unknown
 *     code
 */
public record FeatureDefinition(FeatureSpec spec, Transform transform, Double imputation,
        ReferenceHistogram histogram, String imputedCategory) {

    public FeatureDefinition {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(transform, "transform");
        String name = spec.name();
        boolean ignored = transform instanceof Transform.Ignored;
        if (!ignored && transform.categorical() == spec.type().isNumeric()) {
            throw new IllegalArgumentException(name + ": a " + spec.type().label() + " feature cannot use the "
                    + transform.kind() + " transform");
        }
        if (imputation != null) {
            if (!spec.type().isNumeric()) {
                throw new IllegalArgumentException(name + ": a categorical feature is imputed as unknown, not with "
                        + imputation);
            }
            if (!Double.isFinite(imputation)) {
                throw new IllegalArgumentException(name + ": imputation " + imputation + " is not a finite number");
            }
        }
        if (!ignored && !spec.required() && spec.type().isNumeric() && imputation == null) {
            throw new IllegalArgumentException(name + ": an optional numeric feature needs an imputation value");
        }
        if (imputedCategory != null) {
            if (spec.type().isNumeric()) {
                throw new IllegalArgumentException(name + ": a numeric feature is imputed with a number, not '"
                        + imputedCategory + "'");
            }
            imputedCategory = imputedCategory.trim().toLowerCase(java.util.Locale.ROOT);
            if (imputedCategory.isEmpty()) {
                throw new IllegalArgumentException(name + ": the imputed category must not be blank");
            }
        }
        if (histogram != null && histogram.isNumeric() != spec.type().isNumeric()) {
            throw new IllegalArgumentException(name + ": a " + spec.type().label()
                    + " feature needs a " + (spec.type().isNumeric() ? "numeric" : "categorical") + " histogram");
        }
    }

    /** A feature without a categorical imputation: absent words are encoded as unknown. */
    public FeatureDefinition(FeatureSpec spec, Transform transform, Double imputation, ReferenceHistogram histogram) {
        this(spec, transform, imputation, histogram, null);
    }

    public String name() {
        return spec.name();
    }

    /** The same feature with another training histogram. */
    public FeatureDefinition withHistogram(ReferenceHistogram newHistogram) {
        return new FeatureDefinition(spec, transform, imputation, newHistogram, imputedCategory);
    }

    public FeatureType type() {
        return spec.type();
    }

    /**
     * Writes this feature's model input for {@code value} ({@link Double}, lower-cased word, or
     * {@code null} when absent) into {@code out} from {@code offset}.
     */
    public void encode(Object value, float[] out, int offset) {
        if (transform.width() == 0) {
            return;
        }
        Object effective = value != null ? value : spec.type().isNumeric() ? imputation : imputedCategory;
        if (effective == null && spec.type().isNumeric()) {
            throw new IllegalArgumentException(name() + ": is required but missing");
        }
        transform.encode(effective, out, offset);
    }

    /**
     * The names of the model inputs this feature writes: its own name, {@code name=category} per
     * one-hot column, or none when the model ignores it.
     */
    public List<String> inputNames() {
        if (transform.width() == 0) {
            return List.of();
        }
        if (transform instanceof Transform.OneHot oneHot) {
            List<String> names = new ArrayList<>(oneHot.width());
            oneHot.categories().forEach(c -> names.add(name() + "=" + c));
            return names;
        }
        return List.of(name());
    }
}
