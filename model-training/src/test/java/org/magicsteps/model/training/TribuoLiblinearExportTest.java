package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.junit.jupiter.api.Test;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

/**
 * Why {@link LiblinearLogistic} reads LibLinear's weights out instead of using Tribuo's own ONNX
 * export: for two classes Tribuo 4.3.2 writes {@code softmax(z, −z)}, that is {@code sigmoid(2z)},
 * where LibLinear's logistic regression predicts {@code sigmoid(z)}. If this test fails after a
 * Tribuo upgrade, the export has been fixed.
 */
class TribuoLiblinearExportTest {

    @Test
    void tribuosExportOfABinaryLibLinearLogisticRegressionDoublesItsLogOdds() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int n = 200;
        float[][] x = new float[n][2];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) random.nextGaussian();
            x[i][1] = (float) random.nextGaussian();
            y[i] = x[i][0] - 0.5 * x[i][1] + random.nextGaussian() > 0;
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        LibLinearClassificationModel model = (LibLinearClassificationModel) new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0, 1000, 1e-6)
                .train(TribuoRows.labelled(x, y, ones));
        LogOddsModel.Linear ours = LiblinearLogistic.train(x, y, 1.0 / n, 1, 1);
        int reached = model.getOutputIDInfo().getID(TribuoRows.REACHED);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] onnx = model.exportONNXModel("test", 1).toByteArray();
        float[] flat = new float[n * 2];
        for (int i = 0; i < n; i++) {
            flat[2 * i] = x[i][0];
            flat[2 * i + 1] = x[i][1];
        }
        double worstAgainstTribuo = 0;
        try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(flat), new long[] {n, 2});
                OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] exported = (float[][]) result.get(0).getValue();
            for (int i = 0; i < n; i++) {
                double tribuo = model.predict(TribuoRows.example(x[i])).getOutputScores()
                        .get(TribuoRows.REACHED.getLabel()).getScore();
                double z = ours.logOdds(x[i]);
                assertEquals(LogOddsModel.sigmoid(z), tribuo, 1e-9, "our reading of the weights is Tribuo's model");
                assertEquals(LogOddsModel.sigmoid(2 * z), exported[i][reached], 1e-5, "the export doubles z");
                worstAgainstTribuo = Math.max(worstAgainstTribuo, Math.abs(exported[i][reached] - tribuo));
            }
        }
        assertTrue(worstAgainstTribuo > 0.05, "the export disagrees with Tribuo by " + worstAgainstTribuo);
    }
}
