package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.ModelCard;

/** The manifest's {@code calibration} and {@code model_card} sections: written, read back, refused when wrong. */
class CalibrationAndCardTest {

    static final ModelCard CARD = new ModelCard("An early warning.", List.of("Not a verdict."), "Atingiu PV.",
            new ModelCard.TrainingData("pede2022.xlsx", 2022, 550, 72, "sha256:ab", "60/20/20"),
            List.of(new ModelCard.Measure("roc_auc", 0.85, 0.76, 0.93, "the test split"),
                    new ModelCard.Measure("cv_roc_auc", 0.83, null, null, "5-fold CV")),
            "Platt scaling on the validation split.",
            List.of(new ModelCard.GroupMeasures("fase", "3", 20, 2, List.of(), "too few")),
            List.of("Trained on 2022 only."), ModelCard.Drift.notMeasured("A drift check fills this in."));

    static BundleManifest withCalibrationAndCard() {
        BundleManifest m = ManifestJsonTest.everyPart();
        return new BundleManifest(m.formatVersion(), m.name(), m.version(), m.createdAt(), m.modelClass(),
                m.parameterCount(), m.onnx(), m.threshold(), m.features(), m.training(), m.metrics(), m.derived(),
                new Calibration(Calibration.PLATT, "the validation split: 138 students", 0.8, -0.25, true, 16.0), CARD);
    }

    @Test
    void bothSectionsSurviveWritingAndReadingAndReachModelInfo() {
        BundleManifest manifest = withCalibrationAndCard();
        byte[] json = ManifestJson.write(manifest);
        BundleManifest read = ManifestJson.read(json);
        assertEquals(manifest, read);
        assertArrayEquals(json, ManifestJson.write(read));
        assertEquals(CARD, read.modelInfo().modelCard());
        String text = new String(json, StandardCharsets.UTF_8);
        for (String key : List.of("\"calibration\" : {", "\"method\" : \"platt\"", "\"in_graph\" : true",
                "\"log_odds_limit\" : 16.0", "\"formula\" : \"probability = 1 / (1 + exp(-z)), z = output 'output'",
                "\"model_card\" : {", "\"intended_use\" : \"An early warning.\"", "\"known_limits\"",
                "\"measured_on\" : \"the test split\"", "\"status\" : \"not_measured\"")) {
            assertTrue(text.contains(key), () -> key + " missing from\n" + text);
        }
    }

    static final ModelCard.Drift DRIFT = ModelCard.Drift.of(List.of(new ModelCard.SheetDrift("pede2023.xlsx", 2023,
            "sha256:cd", 1014, 9, 5, 3, List.of(new ModelCard.FeatureShift("score_ips", 6.5, "major", 0.403, 0.068),
                    new ModelCard.FeatureShift("score_ieg", 0.32, "major", 0.0, 0.075)))));

    @Test
    void theDriftOfLaterSheetsSurvivesWritingAndReading() {
        BundleManifest manifest = withCalibrationAndCard();
        ModelCard c = manifest.modelCard();
        ModelCard measured = new ModelCard(c.intendedUse(), c.misuse(), c.target(), c.trainingData(), c.metrics(),
                c.calibration(), c.groups(), c.knownLimits(), DRIFT);
        BundleManifest read = ManifestJson.read(ManifestJson.write(manifest.withModelCard(measured)));
        assertEquals(measured, read.modelCard());
        assertEquals("major", read.modelCard().drift().status());
        assertEquals("pede2023.xlsx", read.modelCard().drift().comparedWith());
        assertEquals("pede2023.xlsx (PEDE 2023, 1014 students): of the 17 features the model reads, 3 drifted "
                + "majorly, 5 moderately, 9 are stable; most: score_ips PSI 6.50 (major, 40.3 % outside the training "
                + "range, 6.8 % missing), score_ieg PSI 0.32 (major, 7.5 % missing).",
                read.modelCard().drift().findings().get(0));
        String json = new String(ManifestJson.write(read), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"most_drifted\" : [ {"), json);
        assertRefused(json.replace("\"feature\" : \"score_ips\",", ""),
                "model_card.drift.sheets[0].most_drifted[0].feature: is missing");
    }

    @Test
    void aCardWrittenBeforeSheetsWereRecordedStillLoads() {
        String json = new String(ManifestJson.write(withCalibrationAndCard()), StandardCharsets.UTF_8);
        String old = json.replaceAll(",\\s*\"sheets\" : \\[ \\]", "");
        assertTrue(!old.contains("\"sheets\"") && old.contains("\"not_measured\""), old);
        ModelCard card = ManifestJson.read(old.getBytes(StandardCharsets.UTF_8)).modelCard();
        assertEquals(CARD, card);
        assertEquals(List.of(), card.drift().sheets());
    }

    @Test
    void aManifestWithoutThemStaysAsItWas() {
        String text = new String(ManifestJson.write(ManifestJsonTest.everyPart()), StandardCharsets.UTF_8);
        assertTrue(!text.contains("calibration") && !text.contains("model_card"), text);
    }

    @Test
    void refusalsNameTheJsonPath() {
        String json = new String(ManifestJson.write(withCalibrationAndCard()), StandardCharsets.UTF_8);
        assertRefused(json.replace("\"method\" : \"platt\"", "\"method\" : \"isotonic\""),
                "calibration: method: 'isotonic' is not a calibration method; expected platt");
        assertRefused(json.replace("\"scale\" : 0.8", "\"scale\" : -0.8"), "calibration: scale: -0.8 must be a positive");
        assertRefused(json.replace("\"in_graph\" : true,", ""), "calibration.in_graph: is missing");
        assertRefused(json.replace("\"intended_use\"", "\"intended_uses\""), "model_card.intended_uses: is not a known key");
        assertRefused(json.replace("\"rows\" : 550,", ""), "model_card.training_data.rows: is missing");
        assertRefused(json.replace("\"metric\" : \"roc_auc\"", "\"metric\" : null"),
                "model_card.metrics[0].metric: is missing");
    }

    @Test
    void aMapOutsideTheGraphIsAppliedToItsLogOdds() {
        Calibration outside = new Calibration(Calibration.PLATT, "validation", 0.5, 1.0, false, 4.0);
        assertEquals(1 / (1 + Math.exp(-(0.5 * 2 + 1))), outside.probabilityOf(2), 1e-15);
        assertEquals(1 / (1 + Math.exp(-4.0)), outside.probabilityOf(1000), 1e-15, "clipped at the limit");
        assertTrue(outside.formula(ManifestJsonTest.everyPart().onnx()).contains("s = log(p / (1 - p))"));
    }

    private static void assertRefused(String json, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
