package org.magicsteps.model.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGradRDA;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Why the logistic regression is LibLinear's and not Tribuo's SGD one (see {@link ModelSpec}): in
 * Tribuo 4.3.2, AdaGradRDA's l2 leaves a logistic regression's weights untouched. If this test
 * fails after a Tribuo upgrade, the SGD trainers can be penalised again.
 */
class TribuoPenaltyTest {

    @Test
    void adaGradRdaPenaltiesDoNotReachALogisticRegressionsWeights() {
        Random random = new Random(3);
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic",
                new LabelFactory()), new LabelFactory());
        String[] names = {"a", "b"};
        for (int i = 0; i < 200; i++) {
            double[] x = {random.nextGaussian(), random.nextGaussian()};
            data.add(new ArrayExample<>(x[0] + 0.5 * x[1] + 0.3 * random.nextGaussian() > 0 ? TribuoRows.REACHED
                    : TribuoRows.NOT_REACHED, names, x));
        }
        double[] unpenalised = scores(new LinearSGDTrainer(new LogMulticlass(), new AdaGradRDA(0.5, 0.1, 0, 0, 1), 20,
                -1, 1, 1L).train(data), data);
        double[] heavilyPenalised = scores(new LinearSGDTrainer(new LogMulticlass(), new AdaGradRDA(0.5, 0.1, 0, 10, 1),
                20, -1, 1, 1L).train(data), data);
        assertArrayEquals(unpenalised, heavilyPenalised, 0.0);
    }

    private static double[] scores(Model<Label> model, MutableDataset<Label> data) {
        List<Prediction<Label>> predictions = model.predict(data);
        return predictions.stream().mapToDouble(p -> p.getOutputScores().get(TribuoRows.REACHED.getLabel()).getScore())
                .toArray();
    }
}
