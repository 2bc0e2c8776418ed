package org.magicsteps.core.domain;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A schema's features in order, that also finds one by name in constant time. Every student of
 * every request looks each of its features up twice (parsing, then checking), so a linear search
 * over the list was the largest cost of validating a batch. A list rather than a second record
 * component, so that {@link FeatureSchema}'s public shape stays what it is.
 */
final class FeaturesByName extends AbstractList<FeatureSpec> implements RandomAccess {

    private final List<FeatureSpec> features;
    private final Map<String, FeatureSpec> byName;

    FeaturesByName(List<FeatureSpec> features) {
        this.features = List.copyOf(features);
        this.byName = new HashMap<>(this.features.size() * 2);
        for (FeatureSpec spec : this.features) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("feature '" + spec.name() + "' appears twice in the schema");
            }
        }
    }

    /** The feature called {@code name}, or {@code null}. */
    FeatureSpec named(String name) {
        return byName.get(name);
    }

    @Override
    public FeatureSpec get(int index) {
        return features.get(index);
    }

    @Override
    public int size() {
        return features.size();
    }
}
