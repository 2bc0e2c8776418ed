package org.magicsteps.core.testing;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.Predictor;

/**
 * A predictor that answers as another one does: a test extends it to give a stand-in model what a
 * bundle adds (an explainer, a training reference) without restating the scoring.
 */
public abstract class ForwardingPredictor implements Predictor {

    private final Predictor inner;

    protected ForwardingPredictor(Predictor inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public ModelInfo info() {
        return inner.info();
    }

    @Override
    public FeatureSchema schema() {
        return inner.schema();
    }

    @Override
    public double[] probabilities(List<StudentFeatures> students) {
        return inner.probabilities(students);
    }

    @Override
    public ProcessedFeatures process(StudentFeatures student) {
        return inner.process(student);
    }
}
