package org.magicsteps.model.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final boolean[] TRUTH = {true, false, true, false};
    private static final double[] P = {0.9, 0.8, 0.4, 0.1};

    @Test
    void theMetricsHaveTheirTextbookValues() {
        // Positive-negative pairs ranked right: (0.9, 0.8), (0.9, 0.1), (0.4, 0.1); wrong: (0.4, 0.8).
        assertEquals(0.75, BinaryMetrics.rocAuc(TRUTH, P), 1e-12);
        // Average precision: recall 0.5 at precision 1, then recall 1 at precision 2/3.
        assertEquals(0.5 * 1 + 0.5 * 2.0 / 3, BinaryMetrics.prAuc(TRUTH, P), 1e-12);
        assertEquals(-(Math.log(0.9) + Math.log(0.2) + Math.log(0.4) + Math.log(0.9)) / 4,
                BinaryMetrics.logLoss(TRUTH, P), 1e-12);
        assertEquals((0.01 + 0.64 + 0.36 + 0.01) / 4, BinaryMetrics.brier(TRUTH, P), 1e-12);
        assertEquals(0.5, BinaryMetrics.rocAuc(TRUTH, new double[] {0.3, 0.3, 0.3, 0.3}), 1e-12, "ties count half");
        ConfusionMatrix m = BinaryMetrics.confusion(TRUTH, P, 0.5);
        assertEquals(new ConfusionMatrix(1, 1, 1, 1), m);
        assertEquals(0.5, m.precision());
        assertEquals(0.5, m.recall());
        assertEquals(0.5, m.f1());
        assertEquals(0.0, BinaryMetrics.confusion(TRUTH, P, 0.95).precision(), "nothing flagged: precision 0");
        assertTrue(Double.isFinite(BinaryMetrics.logLoss(new boolean[] {true}, new double[] {0.0})));
    }

    @Test
    void intervalsSurroundTheEstimateAndDependOnlyOnTheSeed() {
        Random random = new Random(1);
        boolean[] truth = new boolean[150];
        double[] p = new double[150];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = i % 7 == 0;
            p[i] = Math.min(1, Math.max(0, (truth[i] ? 0.6 : 0.3) + 0.25 * random.nextGaussian()));
        }
        Evaluation e = Evaluation.of(truth, p, 0.5, 3);
        e.estimates().forEach((name, estimate) -> {
            assertTrue(estimate.low() <= estimate.value() + 1e-9 && estimate.value() <= estimate.high() + 1e-9,
                    name + " " + estimate.text());
        });
        assertTrue(e.rocAuc().high() - e.rocAuc().low() > 0.05, "22 positives cannot pin the AUC: " + e.rocAuc().text());
        assertEquals(e, Evaluation.of(truth, p, 0.5, 3));
        assertNotEquals(e.rocAuc().low(), Evaluation.of(truth, p, 0.5, 4).rocAuc().low());
        assertEquals(150, e.rows());
        assertEquals(22, e.positives());
        assertEquals(e.rocAuc().value(), e.asMetrics("test_").get("test_roc_auc"));
        assertEquals(e.rocAuc().low(), e.asMetrics("test_").get("test_roc_auc_ci_low"));
        assertNull(e.degenerateIntervalsNote());
    }

    @Test
    void aPerfectSampleSaysItsIntervalHasNoWidthForLackOfCounterExamples() {
        Evaluation e = Evaluation.of(TRUTH, new double[] {0.9, 0.1, 0.8, 0.2}, 0.5, 1);
        assertEquals(1.0, e.rocAuc().low());
        assertTrue(e.degenerateIntervalsNote().contains("roc_auc 1.000"), e.degenerateIntervalsNote());
    }

    @Test
    void aSampleWithOneClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(new boolean[] {false, false}, new double[] {0.1, 0.2}, 0.5, 1));
        assertTrue(e.getMessage().contains("only negatives"), e.getMessage());
    }

    @Test
    void calibrationBinsCountEveryStudentOnce() {
        Curves curves = Curves.of(TRUTH, P);
        assertEquals(4, curves.calibration().stream().mapToLong(Curves.CalibrationBin::count).sum());
        Curves.CalibrationBin top = curves.calibration().get(curves.calibration().size() - 1);
        assertEquals(0.9, top.lower(), 1e-12);
        assertEquals(1.0, top.observedRate());
        assertEquals(new Curves.Point(0, 0), curves.roc().get(0));
        assertEquals(new Curves.Point(1, 1), curves.roc().get(curves.roc().size() - 1));
    }
}
