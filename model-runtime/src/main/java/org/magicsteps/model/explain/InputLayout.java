package org.magicsteps.model.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.FeatureDefinition;

/**
 * Where each feature the model reads sits in the model input: its own columns, and the derived
 * columns computed from it. The features the model ignores (width 0) are not players: they cannot
 * move the answer.
 */
final class InputLayout {

    /** A feature the model reads and the columns it writes. */
    record Player(int index, FeatureDefinition feature, int offset, int width) {
        String name() {
            return feature.name();
        }
    }

    /** A derived column and the players it is computed from (each once, even when a product names one twice). */
    record Derived(int column, DerivedFeature feature, int[] players) {
    }

    private final BundleManifest manifest;
    private final List<Player> players = new ArrayList<>();
    private final List<Derived> derived = new ArrayList<>();
    private final int width;

    InputLayout(BundleManifest manifest) {
        this.manifest = manifest;
        Map<String, Integer> byName = new HashMap<>();
        int offset = 0;
        for (FeatureDefinition feature : manifest.features()) {
            int w = feature.transform().width();
            if (w > 0) {
                byName.put(feature.name(), players.size());
                players.add(new Player(players.size(), feature, offset, w));
            }
            offset += w;
        }
        for (DerivedFeature d : manifest.derived()) {
            LinkedHashSet<Integer> inputs = new LinkedHashSet<>();
            d.expression().inputs().forEach(name -> inputs.add(byName.get(name)));
            derived.add(new Derived(offset, d, inputs.stream().mapToInt(Integer::intValue).toArray()));
            offset += d.transform().width();
        }
        this.width = offset;
    }

    BundleManifest manifest() {
        return manifest;
    }

    List<Player> players() {
        return players;
    }

    List<Derived> derived() {
        return derived;
    }

    int width() {
        return width;
    }

    /** One student's model input, as the predictor encodes it. */
    float[] encode(StudentFeatures student) {
        float[] row = new float[width];
        manifest.encoder().encode(student.values(), row, 0);
        return row;
    }

    /**
     * The raw number each player stands for after imputation (what derived expressions read), or NaN
     * for a categorical player.
     */
    double[] rawNumbers(StudentFeatures student) {
        double[] raw = new double[players.size()];
        for (Player p : players) {
            FeatureDefinition f = p.feature();
            if (!f.type().isNumeric()) {
                raw[p.index()] = Double.NaN;
            } else {
                raw[p.index()] = student.number(f.name()).orElse(f.imputation() == null ? Double.NaN : f.imputation());
            }
        }
        return raw;
    }

    /**
     * The encoded value of derived column {@code d} when each of its players takes its value from
     * {@code fromX} (where set) or from {@code other}.
     */
    float derivedValue(Derived d, double[] rawX, double[] rawOther, boolean[] fromX) {
        Map<String, Double> raw = new HashMap<>();
        for (int p : d.players()) {
            raw.put(players.get(p).name(), fromX[p] ? rawX[p] : rawOther[p]);
        }
        float[] out = new float[1];
        d.feature().transform().encode(d.feature().expression().evaluate(raw), out, 0);
        return out[0];
    }
}
