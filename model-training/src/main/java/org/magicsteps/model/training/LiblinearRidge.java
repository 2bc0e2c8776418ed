package org.magicsteps.model.training;

import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.liblinear.LibLinearRegressionModel;
import org.tribuo.regression.liblinear.LibLinearRegressionTrainer;
import org.tribuo.regression.liblinear.LinearRegressionType;

/**
 * Ridge regression with Tribuo's LibLinear trainer: {@code L2R_L2LOSS_SVR} with an insensitive
 * zone of 0 minimises {@code ½‖w‖² + C Σ (y − w·x)²}, which is ridge regression; as for the
 * logistic regression, the penalty is given per row, {@code C = 1 / (2 λ n)} for the objective
 * {@code mean squared error + λ ‖w‖²}. The target is centred on its training mean first, because
 * LibLinear penalises the intercept like any weight. The weights are read out into a
 * {@link LogOddsModel.Linear} (the prediction, not yet log-odds) and checked against Tribuo's own
 * predictions.
 */
final class LiblinearRidge {

    private static final double AGREEMENT = 1e-9;

    private LiblinearRidge() {
    }

    /** The fitted predictor of {@code target} from the encoded rows. */
    static LogOddsModel.Linear train(float[][] x, double[] target, double lambda) {
        int width = x[0].length;
        double mean = java.util.Arrays.stream(target).average().orElseThrow();
        double[] centred = new double[target.length];
        double[] ones = new double[target.length];
        for (int i = 0; i < target.length; i++) {
            centred[i] = target[i] - mean;
            ones[i] = 1.0;
        }
        MutableDataset<Regressor> data = TribuoRows.regression(x, centred, ones);
        LibLinearRegressionTrainer trainer = new LibLinearRegressionTrainer(
                new LinearRegressionType(LinearRegressionType.LinearType.L2R_L2LOSS_SVR), 1.0 / (2 * lambda * x.length),
                LiblinearLogistic.MAX_ITERATIONS, LiblinearLogistic.TOLERANCE, 0.0);
        LibLinearRegressionModel model = (LibLinearRegressionModel) trainer.train(data);
        TribuoRows.requireColumnOrder(model.getFeatureIDMap(), width);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        double[] raw = inner.getFeatureWeights();
        double[] weights = new double[width];
        System.arraycopy(raw, 0, weights, 0, width);
        double intercept = mean + (inner.getBias() >= 0 ? raw[width] * inner.getBias() : 0.0);
        LogOddsModel.Linear linear = new LogOddsModel.Linear(weights, intercept);
        for (float[] row : x) {
            double tribuo = model.predict(TribuoRows.regressionExample(row)).getOutput().getValues()[0] + mean;
            if (Math.abs(tribuo - linear.logOdds(row)) > AGREEMENT * Math.max(1, Math.abs(tribuo))) {
                throw new IllegalStateException("LibLinear's ridge weights read out give " + linear.logOdds(row)
                        + " where Tribuo gives " + tribuo);
            }
        }
        return linear;
    }
}
