package org.magicsteps.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.bundle.Transform;

/**
 * Small ONNX graphs built in code, so that tests need no file from outside the repository: a
 * logistic model {@code logit = x · w + b}, its output shaped {@code [batch]} (as the original
 * network's) or {@code [batch, 1]}.
 */
public final class TestGraphs {

    private TestGraphs() {
    }

    /** The ONNX bytes of {@code logit = input · weights + bias}. */
    public static byte[] logistic(float[] weights, float bias, String inputName, String outputName, boolean flat) {
        int width = weights.length;
        OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder().setName("logistic")
                .addInput(valueInfo(inputName, true, width))
                .addOutput(flat ? valueInfo(outputName, true) : valueInfo(outputName, true, 1))
                .addInitializer(floats("w", List.of((long) width, 1L), weights))
                .addInitializer(floats("b", List.of(1L), new float[] {bias}))
                .addNode(node("MatMul", List.of(inputName, "w"), "xw"))
                .addNode(node("Add", List.of("xw", "b"), flat ? "z" : outputName));
        if (flat) {
            graph.addInitializer(OnnxMl.TensorProto.newBuilder().setName("axes")
                    .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(1).build());
            graph.addNode(node("Squeeze", List.of("z", "axes"), outputName));
        }
        return OnnxMl.ModelProto.newBuilder().setIrVersion(7).setProducerName("magic-steps tests")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    /** A bundle of the 18 features of the original model over {@link #logistic} with the seed's scaling. */
    public static ModelBundle pedeBundle(float[] weights, float bias) {
        if (weights.length != 18) {
            throw new IllegalArgumentException("18 weights, one per PEDE feature");
        }
        return ModelBundle.of(pedeManifest("synthetic", "synthetic-1", 18), logistic(weights, bias, "input", "logit", true));
    }

    /** The manifest of the original model's 18 features, in its order, for a graph taking {@code width} inputs. */
    public static BundleManifest pedeManifest(String name, String version, int width) {
        List<FeatureDefinition> features = new ArrayList<>();
        numeric(features, FeatureSpec.integer("fase", "phase", 0, 7), 0, 7);
        numeric(features, FeatureSpec.integer("idade", "age", 7, 21), 7, 21);
        numeric(features, FeatureSpec.integer("ano_ingresso", "year joined", 2016, 2022), 2016, 2022);
        numeric(features, FeatureSpec.decimal("score_inde", "INDE", 3.0, 9.5), 3.032, 9.442);
        numeric(features, FeatureSpec.decimal("score_iaa", "IAA", 0, 10), 0, 10);
        numeric(features, FeatureSpec.decimal("score_ieg", "IEG", 0, 10), 0, 10);
        numeric(features, FeatureSpec.decimal("score_ips", "IPS", 2.5, 10), 2.5, 10);
        numeric(features, FeatureSpec.decimal("score_ida", "IDA", 0, 9.9), 0, 9.9);
        numeric(features, FeatureSpec.decimal("score_ipv", "IPV", 2.5, 10), 2.5, 10);
        numeric(features, FeatureSpec.decimal("score_ian", "IAN", 2.5, 10), 2.5, 10);
        numeric(features, FeatureSpec.integer("nota_cg", "Cg", 1, 862), 1, 862);
        numeric(features, FeatureSpec.integer("nota_cf", "Cf", 1, 192), 1, 192);
        numeric(features, FeatureSpec.integer("nota_ct", "Ct", 1, 18), 1, 18);
        numeric(features, FeatureSpec.integer("num_avaliacoes", "assessments", 2, 4), 2, 4);
        numeric(features, FeatureSpec.integer("defasagem", "gap", -5, 2), -5, 2);
        List<String> letters = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p",
                "q", "r", "s", "t", "u", "v", "y", "z");
        features.add(new FeatureDefinition(FeatureSpec.categorical("turma", "class", letters).acceptingUnknownCategories(),
                new Transform.Ordinal(letters, -1), null, null));
        List<String> genders = List.of("menina", "menino");
        features.add(new FeatureDefinition(FeatureSpec.categorical("genero", "gender", genders),
                new Transform.Ordinal(genders, -1), null, null));
        List<String> stones = List.of("ametista", "quartzo", "topázio", "ágata");
        features.add(new FeatureDefinition(FeatureSpec.categorical("pedra_modal", "stone", stones),
                new Transform.Ordinal(stones, -1), null, null));
        return new BundleManifest(BundleManifest.FORMAT_VERSION, name, version, Instant.parse("2024-01-01T00:00:00Z"),
                "LogisticRegression", width + 1,
                new OnnxSpec("model.onnx", "input", List.of(-1L, (long) width), "logit", List.of(-1L), OutputKind.LOGIT, 0),
                new DecisionThreshold(0.5, "test"), features, TrainingProvenance.of("tests"), Map.of());
    }

    private static void numeric(List<FeatureDefinition> features, FeatureSpec spec, double min, double max) {
        features.add(new FeatureDefinition(spec, new Transform.MinMax(min, max), null, null));
    }

    private static OnnxMl.ValueInfoProto valueInfo(String name, boolean batch, long... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        if (batch) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        }
        for (long d : dims) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static OnnxMl.TensorProto floats(String name, List<Long> dims, float[] values) {
        OnnxMl.TensorProto.Builder tensor = OnnxMl.TensorProto.newBuilder().setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).addAllDims(dims);
        for (float v : values) {
            tensor.addFloatData(v);
        }
        return tensor.build();
    }

    private static OnnxMl.NodeProto node(String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addOutput(output).build();
    }

    /** A typical valid student of the PEDE data. */
    public static Map<String, Object> student() {
        Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("fase", 3);
        raw.put("idade", 12);
        raw.put("ano_ingresso", 2020);
        raw.put("score_inde", 7.1);
        raw.put("score_iaa", 8.0);
        raw.put("score_ieg", 7.5);
        raw.put("score_ips", 6.9);
        raw.put("score_ida", 6.2);
        raw.put("score_ipv", 7.3);
        raw.put("score_ian", 5.0);
        raw.put("nota_cg", 300);
        raw.put("nota_cf", 60);
        raw.put("nota_ct", 8);
        raw.put("num_avaliacoes", 3);
        raw.put("defasagem", -1);
        raw.put("turma", "B");
        raw.put("genero", "Menina");
        raw.put("pedra_modal", "Ametista");
        return raw;
    }
}
