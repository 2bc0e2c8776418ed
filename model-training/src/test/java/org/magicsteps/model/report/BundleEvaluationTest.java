package org.magicsteps.model.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.Shared;
import org.magicsteps.model.TestGraphs;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.data.SheetException;
import org.magicsteps.model.evaluation.LabelledSheet;
import org.magicsteps.model.training.PedeSamples;

class BundleEvaluationTest {

    /** Weights that lean on IPV (input 8), so the model ranks the generated students well. */
    private static ModelBundle model() {
        float[] weights = new float[18];
        weights[8] = 12f;
        weights[3] = 2f;
        return TestGraphs.pedeBundle(weights, -9f);
    }

    @Test
    void anyBundleIsMeasuredOnALabelledSheetAndInvalidRowsAreSkippedOnlyWhenAsked(@TempDir Path dir) {
        Path data = PedeSamples.write(dir.resolve("pede.csv"), 200, 4, 0);
        SheetException refused = assertThrows(SheetException.class,
                () -> BundleEvaluation.evaluate(model(), data, null, null, false));
        assertTrue(refused.getMessage().contains("rows have invalid features: line "), refused.getMessage());
        assertTrue(refused.getMessage().contains("score_iaa: is required but missing"), refused.getMessage());

        ModelReport report = BundleEvaluation.evaluate(model(), data, null, null, true);
        assertTrue(report.evaluation().rocAuc().value() > 0.9, report.evaluation().rocAuc().text());
        assertEquals(200, report.data().rows() + report.data().skippedRows().size());
        assertTrue(report.data().skippedRows().size() > 0);
        assertEquals(0.5, report.evaluation().threshold());
        assertNull(report.training());
        assertTrue(report.notes().get(0).contains("does not record its training data"), report.notes().toString());

        ModelReport lower = BundleEvaluation.evaluate(model(), data, null, 0.2, true);
        assertEquals(0.2, lower.evaluation().threshold());
        assertTrue(lower.evaluation().recall().value() >= report.evaluation().recall().value());
        assertThrows(IllegalArgumentException.class, () -> BundleEvaluation.evaluate(model(), data, null, 1.5, true));
    }

    @Test
    void evaluatingOnTheTrainingFileSaysTheFiguresAreOptimistic(@TempDir Path dir) throws Exception {
        Path data = PedeSamples.write(dir.resolve("pede.csv"), 120, 5, 0);
        BundleManifest m = model().manifest();
        BundleManifest trainedHere = new BundleManifest(m.formatVersion(), m.name(), m.version(), m.createdAt(),
                m.modelClass(), m.parameterCount(), m.onnx(), m.threshold(), m.features(),
                new TrainingProvenance("test", null, "pede.csv", LabelledSheet.fingerprint(data), 90L, 1L, Map.of()),
                m.metrics());
        ModelReport report = BundleEvaluation.evaluate(model().withManifest(trainedHere), data, null, null, true);
        assertTrue(report.notes().get(0).startsWith("This is the file the model was trained on"), report.notes().get(0));
        assertTrue(report.evaluatedOn().contains("optimistic"));

        List<String> files = ReportWriter.write(report, dir.resolve("report"));
        assertEquals(List.of("report.json", "roc.png", "precision-recall.png", "calibration.png",
                "confusion-matrix.png", "report.html"), files);
        String json = Files.readString(dir.resolve("report").resolve("report.json"), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"roc_auc\" : {") && json.contains("\"evaluated_on\""), json.substring(0, 400));
    }

    @Test
    void theOriginalModelIsEvaluatedOnThePedeSheet() {
        Path seed = Shared.seedModel();
        Path data = Shared.require("data/pede2022.csv");
        ModelReport report = BundleEvaluation.evaluate(ModelBundle.load(seed), data, null, null, false);
        assertEquals(688, report.data().rows());
        assertEquals(90, report.data().positives());
        assertTrue(report.evaluation().rocAuc().value() > 0.9, report.evaluation().rocAuc().text());
        System.out.println("seed-mlp on pede2022.csv: ROC-AUC " + report.evaluation().rocAuc().text() + ", PR-AUC "
                + report.evaluation().prAuc().text() + ", F1 " + report.evaluation().f1().text());
    }
}
