package org.magicsteps.model.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;

/**
 * Turns a student's raw feature values into one row of model input: each feature's transform in
 * order, then each derived feature. It is the one encoding used both to train a model and to
 * serve it, so the two cannot drift apart. Building one checks that every derived feature reads
 * numeric features the model can always supply (read by the model, and required or imputed), and
 * that no ratio can divide by zero for a valid student.
 */
public final class InputEncoder {

    private final List<FeatureDefinition> features;
    private final List<DerivedFeature> derived;
    private final Map<String, FeatureDefinition> byName = new HashMap<>();
    /** Each feature's position among {@link #features} and its first model input, by name. */
    private final Map<String, Slot> slots = new HashMap<>();
    private final int width;
    /** Where the derived features' inputs start. */
    private final int featuresWidth;

    /** A feature's place, and the rule {@link #encodeIfValid} checks its value against. */
    private record Slot(int index, int offset, FeatureDefinition feature, FeatureSpec rule) {
    }

    /**
     * @throws IllegalArgumentException when a name repeats or a derived feature cannot be computed
     */
    public InputEncoder(List<FeatureDefinition> features, List<DerivedFeature> derived) {
        this.features = List.copyOf(features);
        this.derived = List.copyOf(derived == null ? List.of() : derived);
        int total = 0;
        for (FeatureDefinition feature : this.features) {
            if (byName.put(feature.name(), feature) != null) {
                throw new IllegalArgumentException("feature '" + feature.name() + "' appears twice");
            }
            slots.put(feature.name(), new Slot(slots.size(), total, feature, feature.spec()));
            total += feature.transform().width();
        }
        this.featuresWidth = total;
        Set<String> derivedNames = new HashSet<>();
        for (DerivedFeature d : this.derived) {
            if (byName.containsKey(d.name()) || !derivedNames.add(d.name())) {
                throw new IllegalArgumentException("derived feature '" + d.name() + "' repeats a feature or derived name");
            }
            for (String input : d.expression().inputs()) {
                requireReadable(d, input);
            }
            if (d.expression() instanceof DerivedFeature.Expression.Ratio ratio) {
                Double minimum = byName.get(ratio.denominator()).spec().minimum();
                if (minimum == null || !(minimum + ratio.offset() > 0)) {
                    throw new IllegalArgumentException(d.name() + ": the denominator " + ratio.denominator() + " + "
                            + ratio.offset() + " must be positive for every valid value, but its validation minimum is "
                            + minimum);
                }
            }
            total += d.transform().width();
        }
        this.width = total;
    }

    private InputEncoder(InputEncoder encoder, FeatureSchema rules) {
        this.features = encoder.features;
        this.derived = encoder.derived;
        this.byName.putAll(encoder.byName);
        this.width = encoder.width;
        this.featuresWidth = encoder.featuresWidth;
        encoder.slots.forEach((name, slot) -> slots.put(name, new Slot(slot.index(), slot.offset(), slot.feature(),
                rules.feature(name).orElse(slot.rule()))));
    }

    /**
     * The same encoder, whose {@link #encodeIfValid} checks values against the rules of
     * {@code rules} (the schema a predictor serves, which may accept a wider range than the bundle's
     * own features) instead of the features' own.
     */
    public InputEncoder checkingWith(FeatureSchema rules) {
        return new InputEncoder(this, rules);
    }

    /** How many model inputs a student makes. */
    public int width() {
        return width;
    }

    /** The name of each model input, in order: the features' inputs, then the derived features. */
    public List<String> inputNames() {
        List<String> names = new ArrayList<>(width);
        features.forEach(f -> names.addAll(f.inputNames()));
        derived.forEach(d -> names.add(d.name()));
        return names;
    }

    /**
     * Writes the model input of one student into {@code out} from {@code offset}.
     *
     * @param values raw values by feature name ({@link Double}s and lower-cased words, as in
     *     {@code StudentFeatures}); an absent feature is imputed as its definition says
     * @throws IllegalArgumentException when a required value is missing or of the wrong kind
     */
    public void encode(Map<String, ?> values, float[] out, int offset) {
        Objects.requireNonNull(values, "values");
        int position = offset;
        for (FeatureDefinition feature : features) {
            feature.encode(values.get(feature.name()), out, position);
            position += feature.transform().width();
        }
        encodeDerived(values, out, position);
    }

    private void encodeDerived(Map<String, ?> values, float[] out, int position) {
        if (derived.isEmpty()) {
            return;
        }
        Map<String, Double> raw = new HashMap<>();
        for (DerivedFeature d : derived) {
            for (String input : d.expression().inputs()) {
                raw.computeIfAbsent(input, name -> rawNumber(name, values.get(name)));
            }
            d.encode(raw, out, position);
            position += d.transform().width();
        }
    }

    /**
     * Checks one student against the features' rules and writes its model input, in one pass over
     * its values: the path every prediction takes, where checking and encoding apart looked every
     * value up twice (profiled: a third of a batch's time). It accepts what the schema of its rules
     * accepts (the bundle's own, or the one given to {@link #checkingWith}); a caller that is told
     * {@code false} asks the schema, which names the violation or, should the two ever differ, has
     * the last word.
     *
     * @param values raw values by feature name, as in {@code StudentFeatures}
     * @return {@code false}, having written part of the row, when the student breaks a rule (the
     *     caller then asks the schema which)
     */
    public boolean encodeIfValid(Map<String, ?> values, float[] out, int offset) {
        Objects.requireNonNull(values, "values");
        int seen = 0;
        boolean[] present = values.size() < features.size() ? new boolean[features.size()] : null;
        for (Map.Entry<String, ?> value : values.entrySet()) {
            Slot slot = slots.get(value.getKey());
            if (slot == null || slot.rule().check(value.getValue()).isPresent()) {
                return false;
            }
            slot.feature().encode(value.getValue(), out, offset + slot.offset());
            if (present != null) {
                present[slot.index()] = true;
            }
            seen++;
        }
        if (seen < features.size()) {
            for (Slot slot : slots.values()) {
                if (!present[slot.index()]) {
                    if (slot.rule().required()) {
                        return false;
                    }
                    slot.feature().encode(null, out, offset + slot.offset());
                }
            }
        }
        encodeDerived(values, out, offset + featuresWidth);
        return true;
    }

    private Double rawNumber(String name, Object value) {
        if (value == null) {
            Double imputed = byName.get(name).imputation();
            if (imputed == null) {
                throw new IllegalArgumentException(name + ": is required but missing");
            }
            return imputed;
        }
        if (value instanceof Double d) {
            return d;
        }
        throw new IllegalArgumentException(name + ": a derived feature needs a number, got " + value);
    }

    private void requireReadable(DerivedFeature d, String input) {
        FeatureDefinition feature = byName.get(input);
        if (feature == null) {
            throw new IllegalArgumentException(d.name() + ": reads '" + input + "', which is not a feature of the model");
        }
        if (!feature.type().isNumeric()) {
            throw new IllegalArgumentException(d.name() + ": reads '" + input + "', which is not numeric");
        }
        if (feature.transform().width() == 0) {
            throw new IllegalArgumentException(d.name() + ": reads '" + input + "', which the model ignores");
        }
        if (!feature.spec().required() && feature.imputation() == null) {
            throw new IllegalArgumentException(d.name() + ": reads '" + input + "', which is optional and has no "
                    + "imputation");
        }
    }
}
