package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ModelCard;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Calibration;
import org.magicsteps.model.bundle.ExplanationReference;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.Transform;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.BinaryMetrics;
import org.magicsteps.model.evaluation.LabelledSheet;
import org.magicsteps.model.explain.ExplanationReferences;
import org.magicsteps.model.report.ModelReport;

/**
 * Trains on a generated sheet (a small grid, so it takes seconds) and checks the pipeline's
 * rules: the split is respected, the threshold comes from validation, imputation is recorded and
 * applied, the bundle's ONNX graph equals Tribuo's model, leakage is flagged, an excluded feature
 * is accepted and ignored, and the same seed gives the same model.
 */
class TrainingPipelineTest {

    static final SearchSpace SMALL = new SearchSpace(
            List.of(new ModelSpec.Logistic(1e-2, ModelSpec.Weighting.NONE)),
            List.of(new ModelSpec.Logistic(1e-3, ModelSpec.Weighting.NONE),
                    new ModelSpec.Logistic(1e-2, ModelSpec.Weighting.BALANCED),
                    new ModelSpec.IpvRidge(1e-2),
                    new ModelSpec.BoostedTrees(2, 0.3, 1, ModelSpec.Weighting.NONE)));

    static final Set<String> FROM_IPV_OR_INDE = Set.of("score_ipv", "score_inde", "nota_cg", "nota_cf", "nota_ct",
            "pedra_modal");

    @TempDir
    static Path dir;

    static Path data;
    static TrainingResult all;
    static TrainingResult early;
    static Path withStones;
    static TrainingResult strict;

    @BeforeAll
    static void train() {
        data = PedeSamples.write(dir.resolve("pede.csv"), 260, 7, 0);
        all = TrainingPipeline.run(new TrainingOptions(data, null, dir.resolve("all"), "all", Set.of(), 11, null,
                "magic-steps train --data pede.csv --out all"), line -> { }, SMALL);
        early = TrainingPipeline.run(new TrainingOptions(data, null, dir.resolve("early"), "early",
                Set.of("score_ipv"), 11, null, null), line -> { }, SMALL);
        withStones = PedeSamples.write(dir.resolve("stones.csv"), 260, 7, 0, true);
        strict = TrainingPipeline.run(new TrainingOptions(withStones, null, dir.resolve("strict"), "strict",
                FROM_IPV_OR_INDE, Set.of("pedra_ano_anterior", "pedra_dois_anos_antes"), 11, null, null),
                line -> { }, SMALL);
    }

    @Test
    void theStrictEarlyWarningReadsNothingFromIpvOrIndeAndTheEarlierStonesAsOptionalInputs() {
        BundleManifest manifest = strict.bundle().manifest();
        Set<String> read = new HashSet<>();
        manifest.features().stream().filter(f -> f.transform().width() > 0).forEach(f -> read.add(f.name()));
        manifest.derived().forEach(d -> read.addAll(d.expression().inputs()));
        assertTrue(read.stream().noneMatch(FROM_IPV_OR_INDE::contains), read.toString());
        assertTrue(read.containsAll(Set.of("pedra_ano_anterior", "pedra_dois_anos_antes")), read.toString());
        FeatureDefinition stone = feature(manifest, "pedra_ano_anterior");
        assertFalse(stone.spec().required());
        assertEquals(null, stone.imputedCategory(), "no stone is information, not a gap to fill with the mode");
        assertEquals("pedra_ano_anterior,pedra_dois_anos_antes", manifest.training().details().get("included_features"));
        assertTrue(manifest.modelCard().intendedUse().startsWith("An early warning before IPV is measured"),
                manifest.modelCard().intendedUse());

        LabelledSheet sheet = LabelledSheet.read(withStones, null, manifest.schema(), Set.of(), false);
        StudentFeatures student = sheet.students().stream().map(LabelledSheet.Student::features)
                .filter(f -> f.has("pedra_ano_anterior")).findFirst().orElseThrow();
        Map<String, Object> otherIpv = new LinkedHashMap<>(student.values());
        otherIpv.put("score_ipv", 2.5);
        otherIpv.put("score_inde", 3.0);
        try (OnnxPredictor predictor = OnnxPredictor.open(strict.bundle())) {
            double[] p = predictor.probabilities(List.of(student, new StudentFeatures(otherIpv),
                    student.without("pedra_ano_anterior").without("pedra_dois_anos_antes")));
            assertEquals(p[0], p[1], 0.0, "IPV and INDE change nothing");
            assertTrue(p[2] > 0 && p[2] < 1 && p[2] != p[0], "a new student without stones is scored too");
        }
    }

    @Test
    void optionsRefuseAFeatureThatCannotBeIncluded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(data,
                null, dir, "x", Set.of(), Set.of("score_ipv"), 1, null, null));
        assertTrue(e.getMessage().startsWith("--include: 'score_ipv' is not a feature a model may add"),
                e.getMessage());
    }

    @Test
    void noTestRowIsUsedForTrainingAndTheRefitUsesExactlyTrainAndValidation() {
        TrainingResult.Trace trace = all.trace();
        Set<Integer> test = new HashSet<>(trace.testLines());
        assertTrue(trace.trainLines().stream().noneMatch(test::contains), "a test row is in the training split");
        assertTrue(trace.validationLines().stream().noneMatch(test::contains), "a test row is in the validation split");
        assertTrue(trace.refitLines().stream().noneMatch(test::contains), "a test row was used for the refit");
        Set<Integer> refit = new HashSet<>(trace.refitLines());
        Set<Integer> trainAndValidation = new HashSet<>(trace.trainLines());
        trainAndValidation.addAll(trace.validationLines());
        assertEquals(trainAndValidation, refit);
        assertEquals(260, trace.trainLines().size() + trace.validationLines().size() + trace.testLines().size());
        assertEquals(trace.refitLines().size(), all.bundle().manifest().training().rows());
    }

    @Test
    void theSplitIsStratified() {
        Map<String, ModelReport.Counts> splits = all.report().data().splits();
        double overall = (double) all.report().data().positives() / all.report().data().rows();
        for (ModelReport.Counts counts : splits.values()) {
            assertEquals(overall, (double) counts.positives() / counts.rows(), 0.03, splits.toString());
        }
        assertEquals(0.2, (double) splits.get("test").rows() / 260, 0.01);
    }

    @Test
    void theThresholdIsChosenOnTheValidationPredictions() {
        TrainingResult.Trace trace = all.trace();
        ThresholdRule.Choice onValidation = new ThresholdRule(null).choose(trace.validationTruth(),
                trace.validationProbabilities());
        BundleManifest manifest = all.bundle().manifest();
        assertEquals(onValidation.value(), manifest.threshold().value(), 0.0);
        assertTrue(manifest.threshold().rule().contains("best F1 on the validation split"),
                manifest.threshold().rule());
    }

    @Test
    void aRecallTargetMovesTheThresholdToReachItOnValidation() {
        TrainingResult.Trace trace = all.trace();
        ThresholdRule.Choice choice = new ThresholdRule(0.95).choose(trace.validationTruth(),
                trace.validationProbabilities());
        assertTrue(BinaryMetrics.confusion(trace.validationTruth(), trace.validationProbabilities(), choice.value())
                .recall() >= 0.95);
        assertTrue(choice.rule().contains("at least 0.95"), choice.rule());
    }

    @Test
    void imputationIsFittedOnTheRefitRowsRecordedAndAppliedWhenServing() throws Exception {
        LabelledSheet sheet = LabelledSheet.read(data, null, lenient(), Set.of(), false);
        Set<Integer> refitLines = new HashSet<>(all.trace().refitLines());
        double[] iaa = sheet.students().stream().filter(s -> refitLines.contains(s.line()))
                .map(s -> s.features().number("score_iaa")).filter(v -> v.isPresent())
                .mapToDouble(v -> v.getAsDouble()).toArray();
        Arrays.sort(iaa);
        double median = iaa.length % 2 == 1 ? iaa[iaa.length / 2] : (iaa[iaa.length / 2 - 1] + iaa[iaa.length / 2]) / 2;
        FeatureDefinition scoreIaa = feature(all.bundle().manifest(), "score_iaa");
        assertEquals(median, scoreIaa.imputation(), 1e-12);
        assertFalse(scoreIaa.spec().required(), "a feature with gaps in the sheet is optional, imputed when absent");
        FeatureDefinition genero = feature(all.bundle().manifest(), "genero");
        assertNotNull(genero.imputedCategory());
        assertFalse(genero.spec().required());
        assertTrue(feature(all.bundle().manifest(), "fase").spec().required(), "a feature without gaps stays required");
        String json = Files.readString(dir.resolve("all").resolve(ModelBundle.MANIFEST_FILE), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"imputation\" : " + scoreIaa.imputation()), "imputation missing from manifest.json");

        try (OnnxPredictor predictor = OnnxPredictor.load(dir.resolve("all"))) {
            StudentFeatures complete = sheet.students().get(0).features();
            Map<String, Object> withMedian = new LinkedHashMap<>(complete.values());
            withMedian.put("score_iaa", scoreIaa.imputation());
            withMedian.put("genero", genero.imputedCategory());
            StudentFeatures absent = complete.without("score_iaa").without("genero");
            double[] p = predictor.probabilities(List.of(new StudentFeatures(withMedian), absent));
            assertEquals(p[0], p[1], 0.0, "an absent value is scored as its recorded imputation");
        }
    }

    @Test
    void theBundleCarriesWhatTheExplainerAndDriftNeed() {
        LabelledSheet sheet = LabelledSheet.read(data, null, lenient(), Set.of(), false);
        Set<Integer> refitLines = new HashSet<>(all.trace().refitLines());
        List<StudentFeatures> refit = sheet.students().stream().filter(s -> refitLines.contains(s.line()))
                .map(LabelledSheet.Student::features).toList();
        BundleManifest manifest = all.bundle().manifest();
        ExplanationReference reference = manifest.explanation();
        assertNotNull(reference, "train writes the explanation reference");
        assertEquals(ExplanationReferences.BACKGROUND_SIZE, reference.background().size());
        assertTrue(refit.containsAll(reference.background()), "the background students are refit rows");
        float[] row = new float[manifest.inputWidth()];
        double[] means = new double[manifest.inputWidth()];
        for (StudentFeatures s : refit) {
            manifest.encoder().encode(s.values(), row, 0);
            for (int k = 0; k < row.length; k++) {
                means[k] += row[k] / (double) refit.size();
            }
        }
        for (int k = 0; k < means.length; k++) {
            assertEquals(means[k], reference.inputMeans().get(k), 1e-9, manifest.inputNames().get(k));
        }
        long missingIaa = refit.stream().filter(s -> !s.has("score_iaa")).count();
        assertTrue(missingIaa > 0, "the sample sheet leaves some IAA cells empty");
        assertEquals(missingIaa, feature(manifest, "score_iaa").histogram().missing());
        assertEquals(refit.size() - missingIaa, feature(manifest, "score_iaa").histogram().total());
        assertEquals(refit.stream().filter(s -> !s.has("genero")).count(),
                feature(manifest, "genero").histogram().missing(), "categories record their missing rows too");
        assertEquals(List.of("menina", "menino"), feature(manifest, "genero").histogram().categories());
    }

    @Test
    void theBundlesOnnxProbabilitiesEqualTribuosInMemoryPredictions() {
        for (TrainingResult result : List.of(all, early)) {
            LabelledSheet sheet = LabelledSheet.read(data, null, result.bundle().manifest().schema(), Set.of(), false);
            Set<Integer> testLines = new HashSet<>(result.trace().testLines());
            List<StudentFeatures> test = sheet.students().stream().filter(s -> testLines.contains(s.line()))
                    .map(LabelledSheet.Student::features).toList();
            try (OnnxPredictor predictor = OnnxPredictor.load(result.directory())) {
                double[] onnx = predictor.probabilities(test);
                double[] tribuo = result.trace().testProbabilities();
                assertEquals(tribuo.length, onnx.length);
                for (int i = 0; i < onnx.length; i++) {
                    assertEquals(tribuo[i], onnx[i], 1e-6, "test row " + i);
                }
                assertTrue(Arrays.stream(onnx).max().orElseThrow() > 0.8, "the model never predicts a positive");
                assertTrue(Arrays.stream(onnx).min().orElseThrow() < 0.2, "the model never predicts a negative");
            }
            assertTrue(result.report().training().onnxMaxDifference() <= 1e-6);
        }
    }

    @Test
    void aFeatureThatDefinesTheTargetIsFlagged() {
        List<ModelReport.SingleFeature> features = all.report().leakage().features();
        ModelReport.SingleFeature ipv = features.stream().filter(f -> f.feature().equals("score_ipv")).findFirst()
                .orElseThrow();
        assertTrue(ipv.flagged());
        assertEquals(1.0, ipv.rocAuc(), 1e-9);
        assertTrue(features.stream().filter(f -> !f.feature().equals("score_ipv")).noneMatch(
                ModelReport.SingleFeature::flagged), features.toString());
        assertTrue(all.report().leakage().findings().get(0).startsWith("score_ipv alone has ROC-AUC 1.000"));
    }

    @Test
    void anExcludedFeatureIsAcceptedIgnoredAndItsProxiesAreReported() {
        BundleManifest manifest = early.bundle().manifest();
        FeatureDefinition ipv = feature(manifest, "score_ipv");
        assertTrue(ipv.transform() instanceof Transform.Ignored);
        assertFalse(ipv.spec().required());
        assertFalse(manifest.inputNames().contains("score_ipv"));
        assertTrue(manifest.derived().stream().noneMatch(d -> d.expression().inputs().contains("score_ipv")));
        assertEquals("score_ipv", manifest.training().details().get("excluded_features"));

        LabelledSheet sheet = LabelledSheet.read(data, null, manifest.schema(), Set.of(), false);
        StudentFeatures student = sheet.students().get(3).features();
        Map<String, Object> otherIpv = new LinkedHashMap<>(student.values());
        otherIpv.put("score_ipv", 2.5);
        try (OnnxPredictor predictor = OnnxPredictor.open(early.bundle())) {
            double[] p = predictor.probabilities(List.of(student, new StudentFeatures(otherIpv),
                    student.without("score_ipv")));
            assertEquals(p[0], p[1], 0.0);
            assertEquals(p[0], p[2], 0.0);
        }
        ModelReport.Proxy proxy = early.report().leakage().proxies().get(0);
        assertEquals("score_ipv", proxy.excluded());
        assertEquals("score_inde", proxy.carriers().get(0).feature(), "INDE is built from IPV in the sample too");
        assertTrue(early.report().leakage().findings().stream().anyMatch(f -> f.contains("A model free of it: "
                + "--exclude nota_cf,nota_cg,nota_ct,pedra_modal,score_inde,score_ipv")),
                early.report().leakage().findings().toString());
    }

    @Test
    void theBundleAndItsReportAreWrittenAndRecordWhereTheyCameFrom() throws Exception {
        Path bundle = all.directory();
        for (String file : List.of("manifest.json", "model.onnx", "report.json", "report.html", "roc.png",
                "precision-recall.png", "calibration.png", "confusion-matrix.png")) {
            assertTrue(Files.size(bundle.resolve(file)) > 0, file);
        }
        String html = Files.readString(bundle.resolve("report.html"), StandardCharsets.UTF_8);
        assertEquals(4, html.split("src=\"data:image/png;base64,", -1).length - 1, "four inlined charts");
        assertTrue(html.contains("Leakage check") && html.contains("ROC-AUC"));
        BundleManifest manifest = ModelBundle.load(bundle).manifest();
        assertEquals("magic-steps train --data pede.csv --out all", manifest.training().command());
        assertEquals(LabelledSheet.fingerprint(data), manifest.training().dataFingerprint());
        assertEquals(11L, manifest.training().seed());
        assertTrue(manifest.version().matches("all-[0-9a-f]{12}"), manifest.version());
        assertNotNull(manifest.training().details().get("version.tribuo"));
        assertTrue(manifest.metrics().containsKey("test_roc_auc_ci_low"));
        assertTrue(manifest.metrics().containsKey("cv_roc_auc_mean"));
        assertTrue(Files.size(bundle.resolve("model.onnx")) < 100_000, "a bundle's graph stays small");
    }

    @Test
    void calibrationIsFittedOnValidationRecordedInTheManifestAndAppliedInTheGraph() throws Exception {
        for (TrainingResult result : List.of(all, early)) {
            BundleManifest manifest = result.bundle().manifest();
            Calibration calibration = manifest.calibration();
            assertEquals(Calibration.PLATT, calibration.method());
            assertTrue(calibration.inGraph());
            assertEquals(result.trace().plattScale(), calibration.scale(), 0.0);
            assertEquals(result.trace().plattShift(), calibration.shift(), 0.0);
            assertEquals((double) ScoreGraph.LOG_ODDS_LIMIT, calibration.logOddsLimit());
            assertTrue(calibration.fittedOn().startsWith("the validation split: "
                    + result.trace().validationLines().size() + " students"), calibration.fittedOn());
            String json = Files.readString(result.directory().resolve(ModelBundle.MANIFEST_FILE), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"formula\" : \"probability = 1 / (1 + exp(-z))"), "the manifest says how");

            // The bundle serves sigmoid(clip(scale · s + shift)), s being the uncalibrated refit's log-odds.
            LabelledSheet sheet = LabelledSheet.read(data, null, manifest.schema(), Set.of(), false);
            Set<Integer> testLines = new HashSet<>(result.trace().testLines());
            List<StudentFeatures> test = sheet.students().stream().filter(s -> testLines.contains(s.line()))
                    .map(LabelledSheet.Student::features).toList();
            double biggestChange = 0;
            try (OnnxPredictor predictor = OnnxPredictor.open(result.bundle())) {
                double[] served = predictor.probabilities(test);
                for (int i = 0; i < test.size(); i++) {
                    float[] row = new float[manifest.inputWidth()];
                    manifest.encoder().encode(test.get(i).values(), row, 0);
                    double s = result.trace().uncalibrated().logOdds(row);
                    double expected = ScoreGraph.probability(calibration.scale() * s + calibration.shift());
                    assertEquals(expected, served[i], 1e-6, "test row " + i);
                    biggestChange = Math.max(biggestChange, Math.abs(expected - ScoreGraph.probability(s)));
                }
            }
            assertTrue(biggestChange > 1e-3, "calibration changed nothing: " + biggestChange);
            ModelReport.CalibrationSummary summary = result.report().calibration();
            assertEquals(calibration.scale(), summary.scale(), 0.0);
            assertNotNull(summary.uncalibrated().ece());
        }
    }

    @Test
    void noStudentGetsAProbabilityOfZeroOrOneEvenWhereTheDataAreSeparable() {
        // `all` reads IPV, which separates the target exactly: unpenalised models would say 0 and 1 there.
        LabelledSheet sheet = LabelledSheet.read(data, null, all.bundle().manifest().schema(), Set.of(), false);
        List<StudentFeatures> students = new ArrayList<>(sheet.students().stream().map(LabelledSheet.Student::features)
                .toList());
        Map<String, Object> extreme = new LinkedHashMap<>(students.get(0).values());
        extreme.put("score_ipv", 10.0);
        extreme.put("score_inde", 9.5);
        students.add(new StudentFeatures(extreme));
        extreme.put("score_ipv", 2.5);
        extreme.put("score_inde", 3.0);
        students.add(new StudentFeatures(extreme));
        try (OnnxPredictor predictor = OnnxPredictor.open(all.bundle())) {
            for (double p : predictor.probabilities(students)) {
                assertTrue(p > 0 && p < 1, "probability " + p);
            }
        }
        List<Double> bounds = all.report().calibration().logOddsBounds();
        assertTrue(bounds.get(0) < bounds.get(1));
    }

    @Test
    void theModelCardSaysWhatEachModelIsForAndHowItFaresPerGroup() {
        ModelCard card = all.bundle().manifest().modelCard();
        assertTrue(card.intendedUse().startsWith("Restates the PEDE rule"), card.intendedUse());
        assertTrue(card.target().contains("exactly the rule IPV ≥ 8.35"), card.target());
        assertEquals(all.trace().refitLines().size(), card.trainingData().rows());
        assertEquals(LabelledSheet.fingerprint(data), card.trainingData().fingerprint());
        ModelCard.Measure auc = card.metrics().stream().filter(m -> m.metric().equals("roc_auc")).findFirst()
                .orElseThrow();
        assertEquals(all.report().evaluation().rocAuc().value(), auc.value(), 0.0);
        assertEquals(all.report().evaluation().rocAuc().low(), auc.low(), 0.0);
        assertTrue(card.metrics().stream().anyMatch(m -> m.metric().equals("ece")));
        assertEquals(all.report().groups().size(), card.groups().size());
        long girls = card.groups().stream().filter(g -> g.feature().equals("genero") && g.value().equals("menina"))
                .mapToLong(ModelCard.GroupMeasures::students).sum();
        long boys = card.groups().stream().filter(g -> g.feature().equals("genero") && g.value().equals("menino"))
                .mapToLong(ModelCard.GroupMeasures::students).sum();
        assertTrue(girls > 0 && boys > 0 && girls + boys <= all.trace().testLines().size());
        assertTrue(card.groups().stream().anyMatch(g -> g.feature().equals("fase")));
        assertTrue(card.knownLimits().get(0).startsWith("Trained on the PEDE"), card.knownLimits().toString());
        assertEquals(ModelCard.Drift.NOT_MEASURED, card.drift().status());
        assertTrue(early.bundle().manifest().modelCard().intendedUse().contains("not an early warning"),
                early.bundle().manifest().modelCard().intendedUse());
    }

    @Test
    void hyperParametersAndRoundsAreChosenByCrossValidationInsideTheTrainingSplit() {
        List<ModelReport.GridPoint> grid = all.report().training().grid();
        assertTrue(grid.stream().allMatch(g -> g.cvLogLoss() != null && g.cvRocAuc() != null), "every point is scored");
        ModelReport.GridPoint chosen = grid.stream().filter(ModelReport.GridPoint::chosen).findFirst().orElseThrow();
        assertEquals(grid.stream().mapToDouble(ModelReport.GridPoint::cvLogLoss).min().orElseThrow(),
                chosen.cvLogLoss(), 0.0, "the lowest cross-validated log-loss wins");
        assertEquals(ModelSpec.BoostedTrees.ROUNDS, grid.stream().filter(g -> g.modelClass()
                .equals("GradientBoostedTrees")).map(ModelReport.GridPoint::size).sorted().toList(),
                "boosted trees are compared at each number of rounds");
        assertTrue(all.bundle().manifest().training().details().get("selection").contains("cross-validation inside "
                + "the training split"), all.bundle().manifest().training().details().toString());
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        TrainingResult again = TrainingPipeline.run(new TrainingOptions(data, null, dir.resolve("again"), "all",
                Set.of(), 11, null, null), line -> { }, SMALL);
        assertArrayEquals(all.bundle().onnxModel(), again.bundle().onnxModel());
        assertEquals(all.bundle().manifest().version(), again.bundle().manifest().version());
    }

    @Test
    void rowsWithoutATargetStopTrainingWithTheirCountAndLines() {
        Path unlabelled = PedeSamples.write(dir.resolve("unlabelled.csv"), 60, 3, 2);
        SheetException e = assertThrows(SheetException.class, () -> TrainingPipeline.run(new TrainingOptions(
                unlabelled, null, dir.resolve("never"), "x", Set.of(), 1, null, null), line -> { }, SMALL));
        assertTrue(e.getMessage().contains("2 rows have no valid Atingiu PV"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("line 3"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("never")));
    }

    @Test
    void tooFewPositivesAreRefusedBeforeAnySplit() {
        Path tiny = PedeSamples.write(dir.resolve("tiny.csv"), 25, 5, 0);
        SheetException e = assertThrows(SheetException.class, () -> TrainingPipeline.run(
                new TrainingOptions(tiny, null, dir.resolve("tiny"), "x", Set.of(), 1, null, null), line -> { },
                SMALL));
        assertTrue(e.getMessage().contains("at least 10 students of each class"), e.getMessage());
    }

    @Test
    void optionsRefuseAnUnknownExcludedFeatureByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(data,
                null, dir, "x", Set.of("score_xyz"), 1, null, null));
        assertTrue(e.getMessage().startsWith("--exclude: 'score_xyz' is not a PEDE feature"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingOptions(data, null, dir, "x", Set.of(), 1, 1.5,
                null));
    }

    private static FeatureDefinition feature(BundleManifest manifest, String name) {
        return manifest.features().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    private static FeatureSchema lenient() {
        List<FeatureSpec> specs = new ArrayList<>();
        for (FeatureSpec s : OriginalFeatures.SPECS) {
            specs.add(new FeatureSpec(s.name(), s.type(), "", null, null, s.categories(), false, !s.type().isNumeric()));
        }
        return new FeatureSchema(specs);
    }
}
