package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

/**
 * Writes a calibrated {@link LogOddsModel} as an ONNX graph with Tribuo's ONNX builder:
 *
 * <pre>
 * input [batch, width] ─ Gemm (linear) or TreeEnsembleRegressor (trees) ─ Clip(±{@value #LOG_ODDS_LIMIT})
 *       ─ log_odds [batch, 1]
 *       ─ Sigmoid of −log_odds and of log_odds, concatenated ─ probability [batch, 2] (not reached, reached)
 * </pre>
 *
 * The calibration is already inside the model's numbers ({@link LogOddsModel#scaled}), so both
 * outputs are calibrated: the bundle's predictor reads {@code log_odds} (and applies the logistic
 * function in double precision), a client that runs the graph itself reads {@code probability}.
 *
 * <p>Why the clip: a float32 probability rounds to exactly 1 once the log-odds pass about 17, and a
 * double one to exactly 0 below about −745. Log-odds of ±{@value #LOG_ODDS_LIMIT} are odds of about
 * 9 million to one, far beyond anything 688 students can support, and keep every probability,
 * float or double, strictly between 0 and 1 (at least 1.1e-7 from either end).
 */
final class ScoreGraph {

    /** The largest magnitude of the log-odds the graph gives. */
    static final float LOG_ODDS_LIMIT = 16f;
    static final String INPUT = "input";
    static final String LOG_ODDS = "log_odds";
    static final String PROBABILITY = "probability";
    /** The column of "reached the Ponto de Virada" in {@link #PROBABILITY}. */
    static final int POSITIVE_COLUMN = 1;

    private ScoreGraph() {
    }

    /**
     * The graph's bytes; the same model always gives the same bytes.
     *
     * @param docString one line about the model, stored in the graph
     */
    static byte[] write(LogOddsModel model, int width, String docString) {
        ONNXContext context = new ONNXContext();
        context.setName("magic-steps");
        ONNXPlaceholder input = context.floatInput(INPUT, width);
        ONNXPlaceholder probability = context.floatOutput(PROBABILITY, 2);
        ONNXPlaceholder logOdds = context.floatOutput(LOG_ODDS, 1);
        ONNXNode raw = model instanceof LogOddsModel.Linear linear ? linear(context, input, linear)
                : trees(input, (LogOddsModel.TreeEnsemble) model);
        ONNXNode clipped = raw.apply(ExtraOperators.CLIP, List.of(context.constant("min", -LOG_ODDS_LIMIT),
                context.constant("max", LOG_ODDS_LIMIT)), "clipped");
        clipped.assignTo(logOdds);
        ONNXNode reached = clipped.apply(ONNXOperators.SIGMOID, "reached");
        ONNXNode notReached = clipped.apply(ONNXOperators.NEG, "negated").apply(ONNXOperators.SIGMOID, "not_reached");
        notReached.apply(ONNXOperators.CONCAT, List.<ONNXRef<?>>of(reached), List.of("probabilities"),
                Map.of("axis", 1)).get(0).assignTo(probability);
        OnnxMl.ModelProto.Builder proto = OnnxMl.ModelProto.newBuilder()
                .setGraph(context.buildGraph())
                .setIrVersion(7)
                .setProducerName("magic-steps train")
                .setProducerVersion(org.tribuo.Tribuo.VERSION)
                .setDomain("org.magicsteps")
                .setModelVersion(1)
                .setDocString(docString)
                .addOpsetImport(ExtraOperators.defaultOpset());
        if (model instanceof LogOddsModel.TreeEnsemble) {
            proto.addOpsetImport(ExtraOperators.TREE_ENSEMBLE_REGRESSOR.opsetProto());
        }
        return proto.build().toByteArray();
    }

    private static ONNXNode linear(ONNXContext context, ONNXPlaceholder input, LogOddsModel.Linear linear) {
        double[] weights = linear.weights();
        ONNXInitializer w = context.floatTensor("weights", List.of(weights.length, 1), buffer -> {
            for (double weight : weights) {
                buffer.put((float) weight);
            }
        });
        ONNXInitializer b = context.floatTensor("intercept", List.of(1), buffer -> buffer.put((float) linear.intercept()));
        return input.apply(ONNXOperators.GEMM, List.of(w, b), "linear");
    }

    private static ONNXNode trees(ONNXPlaceholder input, LogOddsModel.TreeEnsemble ensemble) {
        List<Integer> treeIds = new ArrayList<>();
        List<Integer> nodeIds = new ArrayList<>();
        List<Integer> features = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<String> modes = new ArrayList<>();
        List<Integer> trueIds = new ArrayList<>();
        List<Integer> falseIds = new ArrayList<>();
        List<Integer> leafTrees = new ArrayList<>();
        List<Integer> leafNodes = new ArrayList<>();
        List<Float> leafWeights = new ArrayList<>();
        for (int t = 0; t < ensemble.trees().size(); t++) {
            LogOddsModel.Tree tree = ensemble.trees().get(t);
            int[] feature = tree.feature();
            float[] threshold = tree.threshold();
            int[] lessOrEqual = tree.lessOrEqual();
            int[] greater = tree.greater();
            double[] value = tree.value();
            for (int node = 0; node < feature.length; node++) {
                treeIds.add(t);
                nodeIds.add(node);
                boolean leaf = feature[node] < 0;
                features.add(leaf ? 0 : feature[node]);
                values.add(leaf ? 0f : threshold[node]);
                modes.add(leaf ? "LEAF" : "BRANCH_LEQ");
                trueIds.add(leaf ? 0 : lessOrEqual[node]);
                falseIds.add(leaf ? 0 : greater[node]);
                if (leaf) {
                    leafTrees.add(t);
                    leafNodes.add(node);
                    leafWeights.add((float) value[node]);
                }
            }
        }
        // Insertion order fixes the attributes' order, so the same model writes the same bytes.
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("aggregate_function", "SUM");
        attributes.put("base_values", new float[] {(float) ensemble.base()});
        attributes.put("n_targets", 1);
        attributes.put("nodes_falsenodeids", ints(falseIds));
        attributes.put("nodes_featureids", ints(features));
        attributes.put("nodes_modes", modes.toArray(String[]::new));
        attributes.put("nodes_nodeids", ints(nodeIds));
        attributes.put("nodes_treeids", ints(treeIds));
        attributes.put("nodes_truenodeids", ints(trueIds));
        attributes.put("nodes_values", floats(values));
        attributes.put("post_transform", "NONE");
        attributes.put("target_ids", new int[leafTrees.size()]);
        attributes.put("target_nodeids", ints(leafNodes));
        attributes.put("target_treeids", ints(leafTrees));
        attributes.put("target_weights", floats(leafWeights));
        return input.apply(ExtraOperators.TREE_ENSEMBLE_REGRESSOR, List.of("trees"), attributes).get(0);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] floats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** The log-odds the graph gives for a model's log-odds {@code z}: {@code z} clipped to ±{@value #LOG_ODDS_LIMIT}. */
    static double clip(double z) {
        return Math.max(-LOG_ODDS_LIMIT, Math.min(LOG_ODDS_LIMIT, z));
    }

    /** The probability the bundle serves for a model's log-odds {@code z}. */
    static double probability(double z) {
        return LogOddsModel.sigmoid(clip(z));
    }
}
