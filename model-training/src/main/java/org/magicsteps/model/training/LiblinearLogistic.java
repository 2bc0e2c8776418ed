package org.magicsteps.model.training;

import java.util.Map;

import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;

/**
 * L2-regularised logistic regression with Tribuo's LibLinear trainer ({@code L2R_LR}: the exact
 * minimiser of {@code ½‖w‖² + C Σ loss}, found by a trust-region Newton method, so no learning
 * rate or epoch count is involved). The penalty is given per row, {@code λ}, and
 * {@code C = 1 / (λ · n)}: the same {@code λ} means the same strength of prior on the 412 training
 * rows and on the 550 rows of the refit.
 *
 * <p>The weights are read out of LibLinear's model into a {@link LogOddsModel.Linear} and checked
 * against Tribuo's own predicted probabilities. Tribuo 4.3.2's own ONNX export of this model is not
 * used: for two classes it writes {@code softmax(z, −z)}, which is {@code sigmoid(2z)}, not
 * LibLinear's {@code sigmoid(z)} (see {@code TribuoLiblinearExportTest}). LibLinear also penalises
 * the intercept like any weight; the Platt scaling that follows re-fits it.
 */
final class LiblinearLogistic {

    /** LibLinear's stopping tolerance on the gradient's norm, tighter than its default 0.01 (the data are small). */
    static final double TOLERANCE = 1e-6;
    static final int MAX_ITERATIONS = 10_000;
    private static final double AGREEMENT = 1e-9;

    private LiblinearLogistic() {
    }

    /**
     * Trains on encoded rows.
     *
     * @param lambda the L2 penalty per row
     * @param positiveWeight the weight of a positive row, {@code negativeWeight} of a negative one (LibLinear's
     *     class weights, which multiply {@code C})
     */
    static LogOddsModel.Linear train(float[][] x, boolean[] y, double lambda, double positiveWeight,
            double negativeWeight) {
        int width = x[0].length;
        double[] ones = new double[x.length];
        java.util.Arrays.fill(ones, 1.0);
        MutableDataset<Label> data = TribuoRows.labelled(x, y, ones);
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L2R_LR), 1.0 / (lambda * x.length),
                MAX_ITERATIONS, TOLERANCE);
        trainer.setLabelWeights(Map.of(TribuoRows.REACHED, (float) positiveWeight, TribuoRows.NOT_REACHED,
                (float) negativeWeight));
        LibLinearClassificationModel model = (LibLinearClassificationModel) trainer.train(data);
        TribuoRows.requireColumnOrder(model.getFeatureIDMap(), width);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        double[] raw = inner.getFeatureWeights();
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        // LibLinear's one weight vector scores its first label; flip it when that label is "not reached".
        double sign = outputs.getOutput(inner.getLabels()[0]).equals(TribuoRows.REACHED) ? 1 : -1;
        double[] weights = new double[width];
        for (int j = 0; j < width; j++) {
            weights[j] = sign * raw[j];
        }
        double intercept = inner.getBias() >= 0 ? sign * raw[width] * inner.getBias() : 0.0;
        LogOddsModel.Linear linear = new LogOddsModel.Linear(weights, intercept);
        requireAgreement(model, linear, x);
        return linear;
    }

    private static void requireAgreement(LibLinearClassificationModel model, LogOddsModel.Linear linear, float[][] x) {
        for (float[] row : x) {
            Prediction<Label> prediction = model.predict(TribuoRows.example(row));
            double tribuo = prediction.getOutputScores().get(TribuoRows.REACHED.getLabel()).getScore();
            double ours = LogOddsModel.sigmoid(linear.logOdds(row));
            if (Math.abs(tribuo - ours) > AGREEMENT) {
                throw new IllegalStateException("LibLinear's weights read out give probability " + ours
                        + " where Tribuo gives " + tribuo);
            }
        }
    }
}
