package org.magicsteps.model;

/** Facts about an ONNX graph that ONNX Runtime's session does not expose, read by {@link OnnxGraph}. */
final class OnnxGraphFacts {

    private OnnxGraphFacts() {
    }

    /**
     * The number of floating-point weights stored in the graph's initializers (for a network exported in
     * inference mode this includes batch-norm running statistics).
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model
     */
    static long parameterCount(byte[] onnx) {
        long count = 0;
        for (OnnxGraph.Tensor tensor : OnnxGraph.parse(onnx).initializers().values()) {
            if (tensor.holdsWeights()) {
                count += tensor.size();
            }
        }
        return count;
    }
}
