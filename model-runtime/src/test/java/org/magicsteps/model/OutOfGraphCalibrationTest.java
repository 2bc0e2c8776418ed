package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Calibration;

/** A manifest whose calibration is not in the graph gets it applied by the predictor, as its formula says. */
class OutOfGraphCalibrationTest {

    @Test
    void thePredictorMapsTheGraphsLogOddsAndClipsThem() {
        float[] weights = new float[18];
        weights[3] = 0.9f;
        ModelBundle plain = TestGraphs.pedeBundle(weights, -1.5f);
        BundleManifest m = plain.manifest();
        Calibration calibration = new Calibration(Calibration.PLATT, "validation", 0.5, 0.25, false, 1.0);
        BundleManifest calibrated = new BundleManifest(m.formatVersion(), m.name(), m.version() + "-calibrated",
                m.createdAt(), m.modelClass(), m.parameterCount(), m.onnx(), m.threshold(), m.features(), m.training(),
                m.metrics(), m.derived(), calibration, null);
        StudentFeatures student = new StudentFeatures(TestGraphs.student());
        try (OnnxPredictor raw = OnnxPredictor.open(plain);
                OnnxPredictor mapped = OnnxPredictor.open(ModelBundle.of(calibrated, plain.onnxModel()))) {
            double p = raw.probabilities(List.of(student))[0];
            double s = Math.log(p / (1 - p));
            double z = Math.max(-1.0, Math.min(1.0, 0.5 * s + 0.25));
            assertEquals(1 / (1 + Math.exp(-z)), mapped.probabilities(List.of(student))[0], 1e-6);
        }
    }
}
