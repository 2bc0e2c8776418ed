package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.FeatureType;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.bundle.Transform;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.LabelTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The predictor reads ONNX Runtime's session directly for both output kinds; for a probability
 * output it must agree with Tribuo's own ONNX wrapper.
 */
class TribuoCrossCheckTest {

    private static final String[] NAMES = {"f0", "f1", "f2", "f3"};
    private static final Label YES = new Label("yes");
    private static final Label NO = new Label("no");

    @Test
    void aTribuoLogisticModelScoresTheSameThroughTheBundleAndThroughTribuo(@TempDir Path dir) throws Exception {
        Random random = new Random(42);
        MutableDataset<Label> data = new MutableDataset<>(
                new SimpleDataSourceProvenance("synthetic", new LabelFactory()), new LabelFactory());
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian(), random.nextDouble(), random.nextGaussian()};
            double score = 1.5 * x[0] - 2.0 * x[1] + x[2] + 0.3 * random.nextGaussian();
            data.add(new ArrayExample<>(score > 0 ? YES : NO, NAMES, x));
            rows.add(x);
        }
        LinearSGDModel trained = (LinearSGDModel) new LogisticRegressionTrainer().train(data);
        Path onnxFile = dir.resolve("tribuo.onnx");
        trained.saveONNXModel("org.magicsteps.test", 1, onnxFile);

        Map<String, Integer> featureMapping = new HashMap<>();
        trained.getFeatureIDMap().forEach(f -> featureMapping.put(f.getName(), trained.getFeatureIDMap().getID(f.getName())));
        Map<Label, Integer> outputMapping = new HashMap<>();
        trained.getOutputIDInfo().getDomain().forEach(l -> outputMapping.put(l, trained.getOutputIDInfo().getID(l)));
        int positive = outputMapping.get(YES);

        List<FeatureDefinition> features = new ArrayList<>();
        for (String name : NAMES) {
            features.add(new FeatureDefinition(new FeatureSpec(name, FeatureType.FLOAT, "", null, null, List.of(), true,
                    false), new Transform.Identity(), null, null));
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "tribuo-logistic", "1",
                Instant.parse("2024-01-01T00:00:00Z"), "LogisticRegression", 10,
                new OnnxSpec("tribuo.onnx", "input", List.of(-1L, 4L), "output", List.of(-1L, 2L),
                        OutputKind.PROBABILITY, positive),
                new DecisionThreshold(0.5, "test"), features, TrainingProvenance.of("tribuo"), Map.of());
        ModelBundle.of(manifest, Files.readAllBytes(onnxFile)).save(dir.resolve("bundle"));

        List<StudentFeatures> students = new ArrayList<>();
        List<Example<Label>> examples = new ArrayList<>();
        for (double[] x : rows.subList(0, 100)) {
            StudentFeatures.Builder builder = StudentFeatures.builder();
            for (int j = 0; j < NAMES.length; j++) {
                builder.set(NAMES[j], x[j]);
            }
            students.add(builder.build());
            examples.add(new ArrayExample<>(NO, NAMES, x));
        }
        try (OnnxPredictor predictor = OnnxPredictor.load(dir.resolve("bundle"))) {
            // Tribuo's wrapper owns the options and closes them with itself.
            ONNXExternalModel<Label> tribuo = ONNXExternalModel.createOnnxModel(new LabelFactory(), featureMapping,
                    outputMapping, new DenseTransformer(), new LabelTransformer(), new OrtSession.SessionOptions(), onnxFile,
                    "input");
            double[] ours = predictor.probabilities(students);
            List<org.tribuo.Prediction<Label>> theirs = tribuo.predict(examples);
            for (int i = 0; i < ours.length; i++) {
                double expected = theirs.get(i).getOutputScores().get("yes").getScore();
                assertEquals(expected, ours[i], 1e-6, "row " + i);
            }
            // The model learnt something, so the comparison is not between two constant answers.
            assertEquals(true, java.util.Arrays.stream(ours).max().orElseThrow() > 0.9);
            assertEquals(true, java.util.Arrays.stream(ours).min().orElseThrow() < 0.1);
            tribuo.close();
        }
    }
}
