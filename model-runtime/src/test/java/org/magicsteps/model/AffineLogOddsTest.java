package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import ai.onnx.proto.OnnxMl;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;

/** Which graphs are read as linear in log-odds (explained exactly), and which are not (Kernel SHAP). */
class AffineLogOddsTest {

    private static final OnnxSpec LOGIT = new OnnxSpec("model.onnx", "input", List.of(-1L, 3L), "logit", List.of(-1L),
            OutputKind.LOGIT, 0);

    @Test
    void aMatMulAddLogitIsReadWithItsWeights() {
        byte[] onnx = TestGraphs.logistic(new float[] {0.5f, -2f, 0.25f}, 1.5f, "input", "logit", true);
        AffineLogOdds affine = AffineLogOdds.of(onnx, LOGIT, 3).orElseThrow();
        assertArrayEquals(new double[] {0.5, -2, 0.25}, affine.weights(), 0);
        assertEquals(1.5, affine.bias(), 0);
        assertEquals(1.5 + 0.5 - 4 + 0.75, affine.logOdds(new float[] {1, 2, 3}, 0), 1e-12);
    }

    @Test
    void aTwoClassSoftmaxOverGemmAsTribuoExportsALogisticRegressionIsLinear() {
        OnnxMl.GraphProto.Builder graph = graph(3, 2)
                .addInitializer(floats("w", new long[] {3, 2}, 0.5f, -0.5f, 1f, 2f, 0f, 0.25f))
                .addInitializer(floats("b", new long[] {2}, 0.1f, -0.3f))
                .addNode(node("Gemm", "z", "input", "w", "b"))
                .addNode(OnnxMl.NodeProto.newBuilder().setOpType("Softmax").addInput("z").addOutput("p")
                        .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("axis").setI(1)
                                .setType(OnnxMl.AttributeProto.AttributeType.INT)).build())
                .addNode(node("Identity", "output", "p"));
        OnnxSpec spec = new OnnxSpec("model.onnx", "input", List.of(-1L, 3L), "output", List.of(-1L, 2L),
                OutputKind.PROBABILITY, 1);
        AffineLogOdds affine = AffineLogOdds.of(model(graph), spec, 3).orElseThrow();
        // ln(p1 / p0) = z1 − z0: the weights' second column minus the first.
        assertArrayEquals(new double[] {-1, 1, 0.25}, affine.weights(), 1e-7);
        assertEquals(-0.4, affine.bias(), 1e-7);
    }

    @Test
    void aCalibratedRidgeClippedAtSixteenIsLinearWhereTheClipLeavesItAlone() {
        ModelBundle bundle = ModelBundle.bundled("early-warning").orElseThrow();
        AffineLogOdds affine = AffineLogOdds.of(bundle.onnxModel(), bundle.manifest().onnx(),
                bundle.manifest().inputWidth()).orElseThrow();
        assertEquals(bundle.manifest().inputWidth(), affine.weights().length);
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            StudentFeatures student = predictor.schema().parse(TestGraphs.student()).orThrow();
            float[] row = new float[bundle.manifest().inputWidth()];
            bundle.manifest().encoder().encode(student.values(), row, 0);
            assertEquals(predictor.probabilities(List.of(student))[0], 1 / (1 + Math.exp(-affine.logOdds(row, 0))),
                    1e-6);
            Explanation e = predictor.explainer().orElseThrow().explain(List.of(student)).get(0);
            assertEquals(affine.clips(row, 0) ? Explanation.KERNEL_SHAP : Explanation.LINEAR, e.method());
            float[] far = row.clone();
            java.util.Arrays.fill(far, 1e4f);
            float[] other = row.clone();
            java.util.Arrays.fill(other, -1e4f);
            assertTrue(affine.clips(far, 0) && affine.clips(other, 0), "a row far out is clipped one way or the other");
            assertEquals(16, Math.abs(affine.logOdds(far, 0)), 1e-9);
        }
    }

    @Test
    void aSigmoidOverAnAffineScoreIsLinearInLogOdds() {
        OnnxMl.GraphProto.Builder graph = graph(3, 1)
                .addInitializer(floats("w", new long[] {3, 1}, 1f, 2f, 3f))
                .addInitializer(floats("b", new long[] {1}, -1f))
                .addInitializer(floats("two", new long[] {}, 2f))
                .addNode(node("MatMul", "xw", "input", "w"))
                .addNode(node("Add", "z", "xw", "b"))
                .addNode(node("Mul", "z2", "two", "z"))
                .addNode(node("Sigmoid", "output", "z2"));
        OnnxSpec spec = new OnnxSpec("model.onnx", "input", List.of(-1L, 3L), "output", List.of(-1L, 1L),
                OutputKind.PROBABILITY, 0);
        AffineLogOdds affine = AffineLogOdds.of(model(graph), spec, 3).orElseThrow();
        assertArrayEquals(new double[] {2, 4, 6}, affine.weights(), 0);
        assertEquals(-2, affine.bias(), 0);
    }

    @Test
    void aClipOfAnAffineLogitIsReadWithItsBounds() {
        OnnxMl.GraphProto.Builder graph = graph(3, 0)
                .addInitializer(floats("w", new long[] {3, 1}, 1f, 2f, 3f))
                .addInitializer(floats("lo", new long[] {}, -2f))
                .addInitializer(floats("hi", new long[] {}, 2f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("axes")
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(1))
                .addNode(node("MatMul", "z", "input", "w"))
                .addNode(node("Clip", "c", "z", "lo", "hi"))
                .addNode(node("Squeeze", "logit", "c", "axes"));
        AffineLogOdds affine = AffineLogOdds.of(model(graph), LOGIT, 3).orElseThrow();
        assertEquals(1.4, affine.logOdds(new float[] {0.2f, 0.3f, 0.2f}, 0), 1e-6);
        assertTrue(!affine.clips(new float[] {0.2f, 0.3f, 0.2f}, 0));
        assertEquals(2, affine.logOdds(new float[] {1, 1, 1}, 0), 0);
        assertTrue(affine.clips(new float[] {1, 1, 1}, 0));
        OnnxMl.GraphProto.Builder after = graph(3, 0)
                .addInitializer(floats("w", new long[] {3, 1}, 1f, 2f, 3f))
                .addInitializer(floats("lo", new long[] {}, -2f))
                .addInitializer(floats("two", new long[] {}, 2f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("axes")
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(1))
                .addNode(node("MatMul", "z", "input", "w"))
                .addNode(node("Clip", "c", "z", "lo", "two"))
                .addNode(node("Mul", "m", "c", "two"))
                .addNode(node("Squeeze", "logit", "m", "axes"));
        assertTrue(AffineLogOdds.of(model(after), LOGIT, 3).isEmpty(), "arithmetic after a clip is not affine");
    }

    @Test
    void aReluNetworkIsNotLinear() {
        OnnxMl.GraphProto.Builder graph = graph(3, 0)
                .addInitializer(floats("w1", new long[] {3, 2}, 1f, -1f, 0.5f, 2f, -0.5f, 1f))
                .addInitializer(floats("w2", new long[] {2, 1}, 1f, 1f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("axes")
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(1))
                .addNode(node("MatMul", "h", "input", "w1"))
                .addNode(node("Relu", "r", "h"))
                .addNode(node("MatMul", "z", "r", "w2"))
                .addNode(node("Squeeze", "logit", "z", "axes"));
        assertTrue(AffineLogOdds.of(model(graph), LOGIT, 3).isEmpty());
    }

    @Test
    void theOriginalNetworkIsNotLinearAndIsExplainedByKernelShap() {
        ModelBundle seed = ModelBundle.load(Shared.seedModel());
        assertTrue(AffineLogOdds.of(seed.onnxModel(), seed.manifest().onnx(), 18).isEmpty());
        try (OnnxPredictor predictor = OnnxPredictor.open(seed)) {
            assertEquals(Explanation.KERNEL_SHAP, predictor.explainer().orElseThrow()
                    .explain(List.of(new StudentFeatures(TestGraphs.student()))).get(0).method());
        }
    }

    @Test
    void bytesThatAreNotAGraphAreNotLinear() {
        assertTrue(AffineLogOdds.of(new byte[] {1, 2, 3}, LOGIT, 3).isEmpty());
    }

    private static OnnxMl.GraphProto.Builder graph(int width, int outputColumns) {
        OnnxMl.TensorShapeProto.Builder in = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        OnnxMl.TensorShapeProto.Builder out = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        if (outputColumns > 0) {
            out.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(outputColumns));
        }
        return OnnxMl.GraphProto.newBuilder().setName("test")
                .addInput(valueInfo("input", in))
                .addOutput(valueInfo(outputColumns > 0 ? "output" : "logit", out));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, OnnxMl.TensorShapeProto.Builder shape) {
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static OnnxMl.TensorProto floats(String name, long[] dims, float... values) {
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    private static OnnxMl.NodeProto node(String op, String output, String... inputs) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(List.of(inputs)).addOutput(output).build();
    }

    private static byte[] model(OnnxMl.GraphProto.Builder graph) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(7)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }
}
