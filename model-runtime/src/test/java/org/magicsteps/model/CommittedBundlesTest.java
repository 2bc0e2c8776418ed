package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.HeldOutEvaluation;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Calibration;
import org.magicsteps.model.bundle.OutputKind;

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
            // A boosted ensemble of up to 400 trees of depth 3 takes tens of KB (a linear graph stays under 2 KB);
            // the jar that carries the three bundles is 60 MiB.
            assertTrue(Files.size(dir.resolve("model.onnx")) < 100_000, "the graph stays under 100 KB");
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

    /**
     * The strict early warning reads nothing derived from IPV or INDE: not IPV, not INDE (a weighted
     * mean with IPV among its parts), not the rankings Cg/Cf/Ct (INDE's ranks), not this year's stone
     * (an INDE band, inside pedra_modal), neither directly nor through a derived input.
     */
    @Test
    void theStrictEarlyWarningReadsNothingDerivedFromIpvOrInde() {
        List<String> fromIpvOrInde = List.of("score_ipv", "score_inde", "nota_cg", "nota_cf", "nota_ct", "pedra_modal");
        BundleManifest manifest = ModelBundle.load(models().resolve("early-warning-strict")).manifest();
        Set<String> read = new TreeSet<>();
        manifest.features().stream().filter(f -> f.transform().width() > 0).forEach(f -> read.add(f.name()));
        manifest.derived().forEach(d -> read.addAll(d.expression().inputs()));
        for (String feature : fromIpvOrInde) {
            assertFalse(read.contains(feature), "early-warning-strict reads " + feature + ": " + read);
            assertFalse(manifest.inputNames().stream().anyMatch(input -> input.startsWith(feature)),
                    manifest.inputNames().toString());
        }
        assertTrue(read.containsAll(List.of("score_ida", "score_ieg", "pedra_ano_anterior")), read.toString());
        assertFalse(manifest.schema().feature("pedra_ano_anterior").orElseThrow().required(),
                "an earlier year's stone is optional: new students have none");
    }

    /** Every committed bundle is calibrated (and says how) and carries a model card. */
    @Test
    void everyBundleRecordsItsCalibrationAndCarriesAModelCard() {
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            BundleManifest manifest = ModelBundle.load(models().resolve(name)).manifest();
            Calibration calibration = manifest.calibration();
            assertNotNull(calibration, name);
            assertEquals(Calibration.PLATT, calibration.method());
            assertTrue(calibration.inGraph(), name + ": the graph itself gives calibrated numbers");
            assertTrue(calibration.fittedOn().contains("validation split"), calibration.fittedOn());
            assertEquals(OutputKind.LOGIT, manifest.onnx().outputKind());
            ModelCard card = manifest.modelCard();
            assertNotNull(card, name);
            assertTrue(card.target().contains("IPV ≥ 8.35"), card.target());
            assertEquals(2022, card.trainingData().year());
            assertTrue(card.metrics().stream().anyMatch(m -> m.metric().equals("roc_auc") && m.low() != null
                    && m.high() != null), card.metrics().toString());
            assertTrue(card.groups().stream().anyMatch(g -> g.feature().equals("genero")), name);
            assertTrue(card.groups().stream().anyMatch(g -> g.feature().equals("fase")), name);
            // Trained with --drift-data ../shared/data/pede2023.xlsx: how the NGO's 2023 students differ.
            ModelCard.Drift drift = card.drift();
            assertEquals("major", drift.status(), name);
            assertEquals("pede2023.xlsx", drift.comparedWith(), name);
            ModelCard.SheetDrift sheet = drift.sheets().get(0);
            assertEquals(2023, sheet.year(), name);
            assertEquals(1014, sheet.rows(), name);
            ModelCard.FeatureShift ips = sheet.mostDrifted().get(0);
            assertEquals("score_ips", ips.feature(), name + ": IPS moved most");
            assertTrue(ips.psi() > 6 && ips.outsideShare() > 0.4, name + ": " + ips);
            assertTrue(card.knownLimits().stream().anyMatch(l -> l.startsWith("On pede2023.xlsx (PEDE 2023) ")
                    && l.contains("score_ips PSI 6.50")), name + ": " + card.knownLimits());
            assertEquals(card, manifest.modelInfo().modelCard(), "the card reaches /info through ModelInfo");
        }
        assertTrue(ModelBundle.load(models().resolve("default")).manifest().modelCard().intendedUse()
                .contains("IPV ≥ 8.35"), "the default model restates the PV rule");
    }

    /**
     * No committed bundle gives any valid student a probability of exactly 0 or 1: every feature at
     * its validation minimum, at its maximum, absent where optional, each category, and random mixes.
     */
    @Test
    void noValidStudentGetsAProbabilityOfZeroOrOne() {
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            ModelBundle bundle = ModelBundle.load(models().resolve(name));
            List<StudentFeatures> students = extremeStudents(bundle.manifest().schema(), new Random(11), 300);
            try (OnnxPredictor predictor = OnnxPredictor.open(bundle)) {
                double[] p = predictor.probabilities(students);
                for (int i = 0; i < p.length; i++) {
                    assertTrue(p[i] > 0 && p[i] < 1, name + " gives " + p[i] + " to " + students.get(i));
                }
            }
        }
    }

    private static List<StudentFeatures> extremeStudents(FeatureSchema schema, Random random, int count) {
        List<StudentFeatures> students = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (FeatureSpec f : schema.features()) {
                // The first two students take every minimum, then every maximum; the rest mix corners at random.
                int pick = s < 2 ? s : random.nextInt(3);
                if (f.type().isNumeric()) {
                    if (pick == 2 && !f.required()) {
                        continue;
                    }
                    values.put(f.name(), pick == 1 ? f.maximum() : f.minimum());
                } else if (pick == 2 && !f.required()) {
                    continue;
                } else {
                    values.put(f.name(), f.categories().get(random.nextInt(f.categories().size())));
                }
            }
            students.add(schema.parse(values).value());
        }
        return students;
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
