package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;

/** The bundles committed under models/ load, are what the jar carries, and say how they were made. */
class CommittedBundlesTest {

    private static Path models() {
        return Path.of(System.getProperty("magicsteps.repoRoot", ".."), "models");
    }

    @Test
    void everyBundleLoadsAreCarriedOnTheClasspathAndStaySmall() throws Exception {
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            Path dir = models().resolve(name);
            ModelBundle bundle = ModelBundle.load(dir);
            ModelBundle carried = ModelBundle.bundled(name).orElseThrow(() -> new AssertionError(name + " not carried"));
            assertEquals(bundle.manifest(), carried.manifest());
            assertEquals(bundle.onnxFingerprint(), carried.onnxFingerprint());
            BundleManifest manifest = bundle.manifest();
            assertEquals(name, manifest.name());
            assertTrue(manifest.training().command().startsWith("magic-steps train --data ../shared/data/pede2022.xlsx"
                    + " --out models/" + name + " --name " + name), manifest.training().command());
            assertTrue(manifest.threshold().rule().contains("validation split"), manifest.threshold().rule());
            assertTrue(Files.size(dir.resolve("model.onnx")) < 5_000, "the graph stays a few KB");
            for (String file : List.of("report.json", "report.html", "roc.png", "precision-recall.png",
                    "calibration.png", "confusion-matrix.png")) {
                assertTrue(Files.exists(dir.resolve(file)), name + "/" + file);
            }
            try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
                double[] p = predictor.probabilities(List.of(new StudentFeatures(TestGraphs.student())));
                assertTrue(p[0] >= 0 && p[0] <= 1);
            }
        }
        assertEquals(ModelBundle.bundled("default").orElseThrow().manifest(),
                ModelBundle.bundledDefault().orElseThrow().manifest());
    }

    @Test
    void everyBundleCarriesWhatItsThresholdsDoOnTheTestSplitAgreeingWithItsMetrics() {
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            ModelBundle carried = ModelBundle.bundled(name).orElseThrow();
            HeldOutEvaluation heldOut = carried.heldOut().orElseThrow(() -> new AssertionError(name + ": no held-out.json"));
            assertEquals(ModelBundle.load(models().resolve(name)).heldOut().orElseThrow(), heldOut);
            Map<String, Double> metrics = carried.manifest().metrics();
            HeldOutEvaluation.Outcome atItsThreshold = heldOut.at(carried.manifest().threshold().threshold());
            assertEquals(metrics.get("test_precision"), atItsThreshold.precision(), 1e-12, name);
            assertEquals(metrics.get("test_recall"), atItsThreshold.recall(), 1e-12, name);
            assertEquals(138, heldOut.students(), name);
            assertEquals(heldOut.students(), heldOut.points().get(heldOut.points().size() - 1).flagged(),
                    name + ": the lowest threshold flags everybody");
            try (OnnxPredictor predictor = OnnxPredictor.open(carried)) {
                assertEquals(heldOut, predictor.info().heldOut(), "the model says it about itself");
            }
        }
    }

    @Test
    void theEarlyWarningBundleAcceptsScoreIpvAndIgnoresIt() {
        ModelBundle bundle = ModelBundle.load(models().resolve("early-warning"));
        assertFalse(bundle.manifest().schema().feature("score_ipv").orElseThrow().required());
        StudentFeatures student = new StudentFeatures(TestGraphs.student());
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
            double[] p = predictor.probabilities(List.of(student, student.without("score_ipv")));
            assertEquals(p[0], p[1], 0.0);
        }
        assertEquals("score_ipv", bundle.manifest().training().details().get("excluded_features"));
    }
}
