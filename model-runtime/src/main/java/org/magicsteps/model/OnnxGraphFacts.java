package org.magicsteps.model;

import java.io.IOException;
import java.util.Set;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * Facts read from an ONNX file's protobuf, which ONNX Runtime's session does not expose. The
 * few fields needed are read with protobuf's wire-format reader rather than the generated ONNX
 * classes, so that the runtime does not carry a training library for them (Tribuo ships those
 * classes). Field numbers are those of {@code onnx.proto}: {@code ModelProto.graph = 7},
 * {@code GraphProto.initializer = 5}, {@code TensorProto.dims = 1}, {@code TensorProto.data_type = 2}.
 */
final class OnnxGraphFacts {

    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;

    /** FLOAT, FLOAT16, DOUBLE, BFLOAT16: integer initializers are shapes and axes, not weights. */
    private static final Set<Integer> WEIGHT_TYPES = Set.of(1, 10, 11, 16);

    private OnnxGraphFacts() {
    }

    /**
     * The number of floating-point weights stored in the graph's initializers (for a network exported in
     * inference mode this includes batch-norm running statistics).
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    static long parameterCount(byte[] onnx) {
        try {
            CodedInputStream model = CodedInputStream.newInstance(onnx);
            boolean hasGraph = false;
            long count = 0;
            for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    hasGraph = true;
                    count += initializerWeights(model.readBytes().newCodedInput());
                } else if (!model.skipField(tag)) {
                    break;
                }
            }
            if (!hasGraph) {
                throw new IllegalArgumentException("is not an ONNX model: it has no graph");
            }
            return count;
        } catch (IOException e) {
            throw new IllegalArgumentException("is not an ONNX model: " + e.getMessage(), e);
        }
    }

    private static long initializerWeights(CodedInputStream graph) throws IOException {
        long count = 0;
        for (int tag = graph.readTag(); tag != 0; tag = graph.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == GRAPH_INITIALIZER
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                count += tensorWeights(graph.readBytes().newCodedInput());
            } else if (!graph.skipField(tag)) {
                break;
            }
        }
        return count;
    }

    private static long tensorWeights(CodedInputStream tensor) throws IOException {
        long size = 1;
        int dataType = 0;
        for (int tag = tensor.readTag(); tag != 0; tag = tensor.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            if (field == TENSOR_DIMS && wireType == WireFormat.WIRETYPE_VARINT) {
                size *= tensor.readInt64();
            } else if (field == TENSOR_DIMS && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                // A writer may pack the repeated dims.
                int limit = tensor.pushLimit(tensor.readRawVarint32());
                while (tensor.getBytesUntilLimit() > 0) {
                    size *= tensor.readInt64();
                }
                tensor.popLimit(limit);
            } else if (field == TENSOR_DATA_TYPE && wireType == WireFormat.WIRETYPE_VARINT) {
                dataType = tensor.readInt32();
            } else if (!tensor.skipField(tag)) {
                break;
            }
        }
        return WEIGHT_TYPES.contains(dataType) ? size : 0;
    }
}
