package org.magicsteps.model.training;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

/**
 * Encoded rows as Tribuo datasets. Input column {@code j} is the Tribuo feature {@code x0000+j}:
 * Tribuo orders features by name, so this naming makes Tribuo's feature ids the encoder's column
 * indices, which {@link #requireColumnOrder} checks on every trained model.
 */
final class TribuoRows {

    static final Label REACHED = new Label("reached");
    static final Label NOT_REACHED = new Label("not_reached");
    static final String TARGET = "target";

    /** Tribuo reports every training run at INFO through java.util.logging; kept quiet (a strong reference keeps the level). */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private TribuoRows() {
    }

    /** The rows labelled reached / not reached, each example weighted by {@code weights}. */
    static MutableDataset<Label> labelled(float[][] x, boolean[] y, double[] weights) {
        String[] names = names(width(x));
        MutableDataset<Label> data = dataset(new LabelFactory());
        for (int i = 0; i < x.length; i++) {
            Example<Label> example = new ArrayExample<>(y[i] ? REACHED : NOT_REACHED, names, widen(x[i]));
            example.setWeight((float) weights[i]);
            data.add(example);
        }
        return data;
    }

    /** The rows with a numeric target each, weighted by {@code weights}. */
    static MutableDataset<Regressor> regression(float[][] x, double[] targets, double[] weights) {
        String[] names = names(width(x));
        MutableDataset<Regressor> data = dataset(new RegressionFactory());
        for (int i = 0; i < x.length; i++) {
            Example<Regressor> example = new ArrayExample<>(new Regressor(TARGET, targets[i]), names, widen(x[i]));
            example.setWeight((float) weights[i]);
            data.add(example);
        }
        return data;
    }

    /** One unlabelled Tribuo example of an encoded row, for Tribuo's own predictions. */
    static Example<Label> example(float[] row) {
        return new ArrayExample<>(NOT_REACHED, names(row.length), widen(row));
    }

    /** One Tribuo regression example of an encoded row, for Tribuo's own predictions. */
    static Example<Regressor> regressionExample(float[] row) {
        return new ArrayExample<>(new Regressor(TARGET, 0.0), names(row.length), widen(row));
    }

    /**
     * Checks that Tribuo kept every column at its index.
     *
     * @throws IllegalStateException when it did not (the conversion to plain numbers would be wrong)
     */
    static void requireColumnOrder(ImmutableFeatureMap map, int width) {
        if (map.size() != width) {
            throw new IllegalStateException("Tribuo kept " + map.size() + " of the " + width + " input columns");
        }
        String[] names = names(width);
        for (int j = 0; j < width; j++) {
            if (map.getID(names[j]) != j) {
                throw new IllegalStateException("Tribuo put input column " + names[j] + " at " + map.getID(names[j]));
            }
        }
    }

    private static <T extends Output<T>> MutableDataset<T> dataset(OutputFactory<T> factory) {
        return new MutableDataset<>(new SimpleDataSourceProvenance("encoded PEDE rows", factory), factory);
    }

    private static int width(float[][] x) {
        return x.length == 0 ? 0 : x[0].length;
    }

    private static String[] names(int width) {
        String[] names = new String[width];
        for (int j = 0; j < width; j++) {
            names[j] = String.format(Locale.ROOT, "x%04d", j);
        }
        return names;
    }

    private static double[] widen(float[] row) {
        double[] values = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            values[j] = row[j];
        }
        return values;
    }
}
