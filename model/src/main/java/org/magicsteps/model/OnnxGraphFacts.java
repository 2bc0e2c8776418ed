package org.magicsteps.model;

import ai.onnx.proto.OnnxMl;

import com.google.protobuf.InvalidProtocolBufferException;

/** Facts read from an ONNX file's protobuf, which ONNX Runtime's session does not expose. */
final class OnnxGraphFacts {

    /** Floating-point tensor types; integer initializers are shapes and axes, not weights. */
    private static final java.util.Set<Integer> WEIGHT_TYPES = java.util.Set.of(
            OnnxMl.TensorProto.DataType.FLOAT_VALUE, OnnxMl.TensorProto.DataType.DOUBLE_VALUE,
            OnnxMl.TensorProto.DataType.FLOAT16_VALUE, OnnxMl.TensorProto.DataType.BFLOAT16_VALUE);

    private OnnxGraphFacts() {
    }

    /**
     * The number of floating-point weights stored in the graph's initializers (for a network exported in
     * inference mode this includes batch-norm running statistics).
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    static long parameterCount(byte[] onnx) {
        OnnxMl.ModelProto model;
        try {
            model = OnnxMl.ModelProto.parseFrom(onnx);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("is not an ONNX model: " + e.getMessage(), e);
        }
        if (!model.hasGraph()) {
            throw new IllegalArgumentException("is not an ONNX model: it has no graph");
        }
        long count = 0;
        for (OnnxMl.TensorProto initializer : model.getGraph().getInitializerList()) {
            if (!WEIGHT_TYPES.contains(initializer.getDataType())) {
                continue;
            }
            long size = 1;
            for (long dim : initializer.getDimsList()) {
                size *= dim;
            }
            count += size;
        }
        return count;
    }
}
