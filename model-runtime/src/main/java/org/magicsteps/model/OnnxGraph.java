package org.magicsteps.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

/**
 * The parts of an ONNX file's graph that ONNX Runtime's session does not expose: its nodes, their
 * attributes, and its initializers with their values. Read with protobuf's wire-format reader
 * rather than the generated ONNX classes, so that the runtime does not carry a training library for
 * them (Tribuo ships those classes). Field numbers are those of {@code onnx.proto}.
 */
final class OnnxGraph {

    /** {@code TensorProto.DataType}: FLOAT, DOUBLE, and the integer types read for shapes and axes. */
    static final int FLOAT = 1;
    static final int DOUBLE = 11;
    static final int INT32 = 6;
    static final int INT64 = 7;
    /** FLOAT, FLOAT16, DOUBLE, BFLOAT16: the types that hold weights (integer initializers are shapes and axes). */
    private static final List<Integer> WEIGHT_TYPES = List.of(FLOAT, 10, DOUBLE, 16);

    /**
     * A constant tensor.
     *
     * @param values its elements in row-major order, widened to double; {@code null} for a type not read
     */
    record Tensor(String name, int dataType, long[] dims, double[] values) {

        long size() {
            long size = 1;
            for (long d : dims) {
                size *= d;
            }
            return size;
        }

        boolean holdsWeights() {
            return WEIGHT_TYPES.contains(dataType);
        }
    }

    /** One attribute of a node: a number, numbers, or a tensor. */
    record Attribute(String name, Double number, List<Long> integers, Tensor tensor) {
    }

    /** One node, in the graph's topological order. */
    record Node(String opType, String domain, List<String> inputs, List<String> outputs,
            Map<String, Attribute> attributes) {

        double number(String attribute, double otherwise) {
            Attribute a = attributes.get(attribute);
            return a == null || a.number() == null ? otherwise : a.number();
        }
    }

    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;
    private final List<String> inputs;
    private final List<String> outputs;

    private OnnxGraph(List<Node> nodes, Map<String, Tensor> initializers, List<String> inputs, List<String> outputs) {
        this.nodes = List.copyOf(nodes);
        this.initializers = Map.copyOf(initializers);
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
    }

    List<Node> nodes() {
        return nodes;
    }

    Map<String, Tensor> initializers() {
        return initializers;
    }

    /** The graph's inputs that are not initializers. */
    List<String> inputs() {
        return inputs;
    }

    List<String> outputs() {
        return outputs;
    }

    /**
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    static OnnxGraph parse(byte[] onnx) {
        try {
            CodedInputStream model = CodedInputStream.newInstance(onnx);
            OnnxGraph graph = null;
            for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                if (field(tag) == 7 && delimited(tag)) {
                    graph = graph(model.readBytes());
                } else if (!model.skipField(tag)) {
                    break;
                }
            }
            if (graph == null) {
                throw new IllegalArgumentException("is not an ONNX model: it has no graph");
            }
            return graph;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw (IllegalArgumentException) e;
            }
            throw new IllegalArgumentException("is not an ONNX model: " + e.getMessage(), e);
        }
    }

    private static OnnxGraph graph(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        List<Node> nodes = new ArrayList<>();
        Map<String, Tensor> initializers = new LinkedHashMap<>();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = field(tag);
            if (field == 1 && delimited(tag)) {
                nodes.add(node(in.readBytes()));
            } else if (field == 5 && delimited(tag)) {
                Tensor tensor = tensor(in.readBytes());
                initializers.put(tensor.name(), tensor);
            } else if ((field == 11 || field == 12) && delimited(tag)) {
                String name = valueInfoName(in.readBytes());
                (field == 11 ? inputs : outputs).add(name);
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        inputs.removeIf(initializers::containsKey);
        return new OnnxGraph(nodes, initializers, inputs, outputs);
    }

    private static Node node(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        Map<String, Attribute> attributes = new HashMap<>();
        String opType = "";
        String domain = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (field(tag)) {
                case 1 -> inputs.add(in.readStringRequireUtf8());
                case 2 -> outputs.add(in.readStringRequireUtf8());
                case 4 -> opType = in.readStringRequireUtf8();
                case 7 -> domain = in.readStringRequireUtf8();
                case 5 -> {
                    Attribute attribute = attribute(in.readBytes());
                    attributes.put(attribute.name(), attribute);
                }
                default -> {
                    if (!in.skipField(tag)) {
                        return new Node(opType, domain, inputs, outputs, attributes);
                    }
                }
            }
        }
        return new Node(opType, domain, inputs, outputs, attributes);
    }

    private static Attribute attribute(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        String name = "";
        Double number = null;
        List<Long> integers = new ArrayList<>();
        Tensor tensor = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = field(tag);
            if (field == 1) {
                name = in.readStringRequireUtf8();
            } else if (field == 2 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_FIXED32) {
                number = (double) in.readFloat();
            } else if (field == 3 && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
                number = (double) in.readInt64();
            } else if (field == 5 && delimited(tag)) {
                tensor = tensor(in.readBytes());
            } else if (field == 8) {
                readInt64s(in, tag, integers);
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        return new Attribute(name, number, List.copyOf(integers), tensor);
    }

    private static Tensor tensor(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        List<Double> listed = new ArrayList<>();
        ByteString raw = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = field(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 1) {
                readInt64s(in, tag, dims);
            } else if (field == 2 && wire == WireFormat.WIRETYPE_VARINT) {
                dataType = in.readInt32();
            } else if (field == 4) {
                if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        listed.add((double) in.readFloat());
                    }
                    in.popLimit(limit);
                } else {
                    listed.add((double) in.readFloat());
                }
            } else if (field == 10) {
                if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        listed.add(in.readDouble());
                    }
                    in.popLimit(limit);
                } else {
                    listed.add(in.readDouble());
                }
            } else if (field == 5 || field == 7) {
                List<Long> integers = new ArrayList<>();
                readInt64s(in, tag, integers);
                integers.forEach(i -> listed.add((double) i));
            } else if (field == 8) {
                name = in.readStringRequireUtf8();
            } else if (field == 9 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                raw = in.readBytes();
            } else if (!in.skipField(tag)) {
                break;
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        double[] values = raw != null ? fromRaw(raw, dataType) : listed.stream().mapToDouble(Double::doubleValue).toArray();
        return new Tensor(name, dataType, shape, values);
    }

    private static double[] fromRaw(ByteString raw, int dataType) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        return switch (dataType) {
            case FLOAT -> {
                double[] values = new double[buffer.remaining() / 4];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.getFloat();
                }
                yield values;
            }
            case DOUBLE -> {
                double[] values = new double[buffer.remaining() / 8];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.getDouble();
                }
                yield values;
            }
            case INT64 -> {
                double[] values = new double[buffer.remaining() / 8];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.getLong();
                }
                yield values;
            }
            case INT32 -> {
                double[] values = new double[buffer.remaining() / 4];
                for (int i = 0; i < values.length; i++) {
                    values[i] = buffer.getInt();
                }
                yield values;
            }
            default -> null;
        };
    }

    private static String valueInfoName(ByteString bytes) throws IOException {
        CodedInputStream in = bytes.newCodedInput();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (field(tag) == 1) {
                return new String(in.readByteArray(), StandardCharsets.UTF_8);
            }
            if (!in.skipField(tag)) {
                break;
            }
        }
        return "";
    }

    private static void readInt64s(CodedInputStream in, int tag, List<Long> into) throws IOException {
        if (WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            // A writer may pack repeated integers.
            int limit = in.pushLimit(in.readRawVarint32());
            while (in.getBytesUntilLimit() > 0) {
                into.add(in.readInt64());
            }
            in.popLimit(limit);
        } else {
            into.add(in.readInt64());
        }
    }

    private static int field(int tag) {
        return WireFormat.getTagFieldNumber(tag);
    }

    private static boolean delimited(int tag) {
        return WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
    }
}
