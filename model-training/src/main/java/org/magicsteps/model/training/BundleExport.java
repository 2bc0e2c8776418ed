package org.magicsteps.model.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.commons.codec.digest.DigestUtils;

import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Calibration;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.explain.ExplanationReferences;
import org.magicsteps.model.evaluation.LabelledSheet.Student;

/**
 * Step 10: the bundle. The calibrated model becomes an ONNX graph ({@link ScoreGraph}); the
 * manifest names its {@code log_odds} output (so the predictor applies the logistic function in
 * double precision) and records the calibration and the explanation reference (the refit rows'
 * input means and 16 of them, drawn with the seed, as background); the version is the name plus 12 hex digits of
 * the graph's SHA-256, so the same command writes the same graph and version. Before anything is
 * written, the bundle is opened with {@link OnnxPredictor} and its probabilities on the test rows
 * must equal the trained model's own within {@value #PARITY_TOLERANCE}.
 */
final class BundleExport {

    static final double PARITY_TOLERANCE = 1e-6;
    static final String ONNX_FILE = "model.onnx";

    private BundleExport() {
    }

    /**
     * The bundle and how closely its graph reproduces the model.
     *
     * @param bundle the bundle, not yet written
     * @param parity the largest probability difference on the test rows
     */
    record Exported(ModelBundle bundle, double parity) {
        /** The same bundle with another model card; the graph, and so the parity, are unchanged. */
        Exported withCard(ModelCard card) {
            return new Exported(bundle.withManifest(bundle.manifest().withModelCard(card)), parity);
        }
    }

    /** The graph of the shipped model, and its version. */
    record Graph(byte[] onnx, String version, long parameterCount) {
    }

    static Graph graph(String name, Refit refit, ModelSpec spec, int size) {
        String doc = spec.text() + (size > 0 ? " rounds=" + size : "") + ", calibrated (Platt, in the graph); trained "
                + "by magic-steps train with Tribuo " + org.tribuo.Tribuo.VERSION + "; provenance in the bundle's "
                + "manifest.json";
        byte[] onnx = ScoreGraph.write(refit.calibrated(), refit.encoding().width(), doc);
        return new Graph(onnx, name + "-" + DigestUtils.sha256Hex(onnx).substring(0, 12),
                refit.calibrated().parameterCount());
    }

    static OnnxSpec onnxSpec(int width) {
        return new OnnxSpec(ONNX_FILE, ScoreGraph.INPUT, List.of(OnnxSpec.DYNAMIC, (long) width), ScoreGraph.LOG_ODDS,
                List.of(OnnxSpec.DYNAMIC, 1L), OutputKind.LOGIT, 0);
    }

    static Calibration calibration(PlattScaling platt, String fittedOn) {
        return new Calibration(Calibration.PLATT, fittedOn, platt.scale(), platt.shift(), true,
                (double) ScoreGraph.LOG_ODDS_LIMIT);
    }

    /**
     * Builds the bundle and checks its graph against {@code expected} on the test rows.
     *
     * @throws IllegalStateException when the graph disagrees (the bundle is then not written)
     */
    static Exported export(String name, Graph graph, Refit refit, String modelClass, DecisionThreshold threshold,
            TrainingProvenance provenance, Map<String, Double> metrics, Calibration calibration, ModelCard card,
            List<Student> test, double[] expected, long seed) {
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, name, graph.version(),
                Instant.now(), modelClass, graph.parameterCount(), onnxSpec(refit.encoding().width()), threshold,
                refit.encoding().features(), provenance, metrics, refit.encoding().derived(), calibration, card);
        // What the explainer compares a student with: the refit rows' input means, 16 of them as background.
        manifest = manifest.withExplanation(ExplanationReferences.fromRows(manifest,
                refit.rows().stream().map(Student::features).toList(), seed, "the train + validation rows"));
        ModelBundle bundle = ModelBundle.of(manifest, graph.onnx());
        return new Exported(bundle, parity(bundle, test, expected));
    }

    private static double parity(ModelBundle bundle, List<Student> test, double[] expected) {
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            double[] onnx = predictor.probabilities(test.stream().map(Student::features).toList());
            double worst = 0;
            for (int i = 0; i < onnx.length; i++) {
                worst = Math.max(worst, Math.abs(onnx[i] - expected[i]));
            }
            if (worst > PARITY_TOLERANCE) {
                throw new IllegalStateException("the exported ONNX graph disagrees with the trained model by " + worst
                        + " on the test rows; the bundle was not written");
            }
            return worst;
        }
    }
}
