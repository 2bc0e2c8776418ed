package org.magicsteps.model.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;

import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;

/**
 * The two ONNX operators our graphs need that Tribuo 4.3.2's {@link ONNXOperators} does not list:
 * {@code Clip} (opset 13, bounds as inputs) and ONNX-ML's {@code TreeEnsembleRegressor}
 * (domain {@code ai.onnx.ml}, version 1), declared through Tribuo's own {@link ONNXOperator}
 * interface so that Tribuo's graph builder checks their inputs and attributes as it does its own.
 */
enum ExtraOperators implements ONNXOperator {

    /** Clips every element to [min, max], given as two scalar inputs. */
    CLIP("Clip", 1, 2, null, 13, List.of()),

    /**
     * A sum of regression trees. Nodes are listed tree by tree; a {@code BRANCH_LEQ} node sends a
     * row to its true branch when {@code x[feature] ≤ value}; {@code target_*} lists each leaf's
     * weight; the output is {@code base_values + Σ leaf weights}, shape {@code [batch, n_targets]}.
     */
    TREE_ENSEMBLE_REGRESSOR("TreeEnsembleRegressor", 1, 0, "ai.onnx.ml", 1, List.of(
            new ONNXAttribute("aggregate_function", AttributeType.STRING, false),
            new ONNXAttribute("base_values", AttributeType.FLOATS, false),
            new ONNXAttribute("n_targets", AttributeType.INT, true),
            new ONNXAttribute("nodes_falsenodeids", AttributeType.INTS, true),
            new ONNXAttribute("nodes_featureids", AttributeType.INTS, true),
            new ONNXAttribute("nodes_modes", AttributeType.STRINGS, true),
            new ONNXAttribute("nodes_nodeids", AttributeType.INTS, true),
            new ONNXAttribute("nodes_treeids", AttributeType.INTS, true),
            new ONNXAttribute("nodes_truenodeids", AttributeType.INTS, true),
            new ONNXAttribute("nodes_values", AttributeType.FLOATS, true),
            new ONNXAttribute("post_transform", AttributeType.STRING, false),
            new ONNXAttribute("target_ids", AttributeType.INTS, true),
            new ONNXAttribute("target_nodeids", AttributeType.INTS, true),
            new ONNXAttribute("target_treeids", AttributeType.INTS, true),
            new ONNXAttribute("target_weights", AttributeType.FLOATS, true)));

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final String domain;
    private final int version;
    private final Map<String, ONNXAttribute> attributes;

    ExtraOperators(String opName, int inputs, int optionalInputs, String domain, int version,
            List<ONNXAttribute> attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.domain = domain;
        this.version = version;
        Map<String, ONNXAttribute> byName = new LinkedHashMap<>();
        attributes.forEach(a -> byName.put(a.getName(), a));
        this.attributes = java.util.Collections.unmodifiableMap(byName);
    }

    /** The opset every graph imports for the default domain (Tribuo's). */
    static OnnxMl.OperatorSetIdProto defaultOpset() {
        return ONNXOperators.getOpsetProto();
    }

    @Override public String getOpName() { return opName; }
    @Override public int getNumInputs() { return inputs; }
    @Override public int getNumOptionalInputs() { return optionalInputs; }
    @Override public int getNumOutputs() { return 1; }
    @Override public Map<String, ONNXAttribute> getAttributes() { return attributes; }
    @Override public Set<String> getMandatoryAttributeNames() {
        return attributes.values().stream().filter(ONNXAttribute::isMandatory).map(ONNXAttribute::getName)
                .collect(Collectors.toUnmodifiableSet());
    }
    @Override public int getOpVersion() { return version; }
    @Override public String getOpDomain() { return domain; }
}
