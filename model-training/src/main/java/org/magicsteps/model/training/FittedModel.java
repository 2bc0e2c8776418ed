package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import ai.onnx.proto.OnnxMl;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo model trained on encoded rows, which predicts probabilities in memory and exports
 * itself to ONNX. Input column {@code i} is the Tribuo feature {@code x0000+i}: Tribuo orders
 * features by name, so this naming makes the ONNX input's columns the encoder's columns, and
 * {@link #train} checks that it did.
 */
final class FittedModel {

    static final Label REACHED = new Label("reached");
    static final Label NOT_REACHED = new Label("not_reached");

    /** Tribuo reports every training run at INFO through java.util.logging; kept quiet (a strong reference keeps the level). */
    private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(Level.WARNING);
    }

    private final ModelSpec spec;
    private final int epochs;
    private final Model<Label> model;
    private final String[] names;

    private FittedModel(ModelSpec spec, int epochs, Model<Label> model, String[] names) {
        this.spec = spec;
        this.epochs = epochs;
        this.model = model;
        this.names = names;
    }

    /**
     * Trains {@code spec} for {@code epochs} on {@code x} (one encoded row per student) with the
     * spec's class weighting.
     */
    static FittedModel train(ModelSpec spec, int epochs, float[][] x, boolean[] y, long seed) {
        int width = x.length == 0 ? 0 : x[0].length;
        String[] names = names(width);
        double[] weights = spec.weighting().weights(y);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("encoded PEDE rows", new LabelFactory()), new LabelFactory());
        for (int i = 0; i < x.length; i++) {
            Example<Label> example = new ArrayExample<>(y[i] ? REACHED : NOT_REACHED, names, widen(x[i]));
            example.setWeight((float) weights[i]);
            data.add(example);
        }
        Model<Label> model = spec.trainer(epochs, seed).train(data);
        ImmutableFeatureMap map = model.getFeatureIDMap();
        if (map.size() != width) {
            throw new IllegalStateException("Tribuo kept " + map.size() + " of the " + width + " input columns");
        }
        for (int i = 0; i < width; i++) {
            if (map.getID(names[i]) != i) {
                throw new IllegalStateException("Tribuo put input column " + names[i] + " at " + map.getID(names[i]));
            }
        }
        if (model.getOutputIDInfo().getID(REACHED) < 0) {
            throw new IllegalArgumentException("the training rows hold no student who reached the Ponto de Virada");
        }
        return new FittedModel(spec, epochs, model, names);
    }

    ModelSpec spec() {
        return spec;
    }

    int epochs() {
        return epochs;
    }

    /** The probability of reaching the Ponto de Virada for each encoded row, computed by Tribuo in memory. */
    double[] probabilities(float[][] x) {
        List<Example<Label>> examples = new ArrayList<>(x.length);
        for (float[] row : x) {
            examples.add(new ArrayExample<>(NOT_REACHED, names, widen(row)));
        }
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] probabilities = new double[x.length];
        for (int i = 0; i < probabilities.length; i++) {
            Label score = predictions.get(i).getOutputScores().get(REACHED.getLabel());
            probabilities[i] = score == null ? 0.0 : score.getScore();
        }
        return probabilities;
    }

    /** The column of the reached class in the ONNX output {@code [batch, 2]}. */
    int positiveIndex() {
        return model.getOutputIDInfo().getID(REACHED);
    }

    /** The number of output columns (one per class). */
    int outputColumns() {
        return model.getOutputIDInfo().size();
    }

    /**
     * The ONNX graph: input {@code input} {@code [batch, width]}, output {@code output}
     * {@code [batch, 2]} of class probabilities. Tribuo's provenance (its metadata entry and the
     * doc string) is replaced by a one-line description: it holds the training time, which would
     * make two runs of the same command write different files, and the bundle's manifest records
     * the provenance instead.
     */
    byte[] onnx() {
        OnnxMl.ModelProto proto = ((ONNXExportable) model).exportONNXModel("org.magicsteps", 1);
        return proto.toBuilder().clearMetadataProps()
                .setDocString(spec.text() + " epochs=" + epochs + ", trained by magic-steps train with Tribuo "
                        + org.tribuo.Tribuo.VERSION + "; provenance in the bundle's manifest.json")
                .build().toByteArray();
    }

    private static String[] names(int width) {
        String[] names = new String[width];
        for (int i = 0; i < width; i++) {
            names[i] = String.format(Locale.ROOT, "x%04d", i);
        }
        return names;
    }

    private static double[] widen(float[] row) {
        double[] values = new double[row.length];
        for (int i = 0; i < row.length; i++) {
            values[i] = row[i];
        }
        return values;
    }
}
