package org.magicsteps.model.training;

import java.util.ArrayList;
import java.util.List;

import org.magicsteps.model.evaluation.BinaryMetrics;

/**
 * Chooses a spec's number of epochs on the validation rows. Tribuo's SGD trainers cannot resume
 * training, so this trains from scratch at {@value #FIRST_EPOCHS}, then twice as many epochs each
 * time (up to {@value #MAX_EPOCHS}), and stops once {@value #PATIENCE} runs in a row have not
 * lowered the validation log-loss; the run with the lowest validation log-loss wins.
 *
 * <p>The cap matters on this data: without a penalty, a model that reads INDE (or IPV) can keep
 * sharpening towards separation, and the validation log-loss keeps falling slowly. Past a few
 * hundred epochs the weights grow so large that the ONNX graph's float32 arithmetic no longer
 * reproduces Tribuo's double-precision probabilities within 1e-6, which the pipeline checks
 * before it writes a bundle.
 */
final class EarlyStopping {

    static final int FIRST_EPOCHS = 1;
    static final int MAX_EPOCHS = 256;
    static final int PATIENCE = 2;

    private EarlyStopping() {
    }

    /**
     * One grid point's outcome.
     *
     * @param spec the hyper-parameters
     * @param epochs the chosen number of epochs
     * @param validationLogLoss at those epochs
     * @param validationRocAuc at those epochs
     * @param tried every epoch count trained, with its validation log-loss
     */
    record Outcome(ModelSpec spec, int epochs, double validationLogLoss, double validationRocAuc,
            List<double[]> tried, FittedModel model) {
    }

    static Outcome run(ModelSpec spec, float[][] trainX, boolean[] trainY, float[][] validationX,
            boolean[] validationY, long seed) {
        Outcome best = null;
        List<double[]> tried = new ArrayList<>();
        int sinceBest = 0;
        for (int epochs = FIRST_EPOCHS; epochs <= MAX_EPOCHS && sinceBest < PATIENCE; epochs *= 2) {
            FittedModel model = FittedModel.train(spec, epochs, trainX, trainY, seed);
            double[] p = model.probabilities(validationX);
            double logLoss = BinaryMetrics.logLoss(validationY, p);
            tried.add(new double[] {epochs, logLoss});
            if (best == null || logLoss < best.validationLogLoss()) {
                best = new Outcome(spec, epochs, logLoss, BinaryMetrics.rocAuc(validationY, p), List.of(), model);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
        }
        return new Outcome(spec, best.epochs(), best.validationLogLoss(), best.validationRocAuc(), List.copyOf(tried),
                best.model());
    }
}
