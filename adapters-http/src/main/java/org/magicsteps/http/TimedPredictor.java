package org.magicsteps.http;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.core.port.Predictor;

/** A {@link Predictor} that reports how long each scoring call takes. */
final class TimedPredictor implements Predictor {

    private final Predictor delegate;
    private final ServiceMetrics metrics;

    TimedPredictor(Predictor delegate, ServiceMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public ModelInfo info() {
        return delegate.info();
    }

    @Override
    public FeatureSchema schema() {
        return delegate.schema();
    }

    @Override
    public double[] probabilities(List<StudentFeatures> students) {
        long start = System.nanoTime();
        try {
            double[] result = delegate.probabilities(students);
            metrics.inference((System.nanoTime() - start) / 1e9);
            return result;
        } catch (RuntimeException e) {
            metrics.inferenceFailed();
            throw e;
        }
    }

    @Override
    public ProcessedFeatures process(StudentFeatures student) {
        return delegate.process(student);
    }

    @Override
    public Optional<Explainer> explainer() {
        return delegate.explainer();
    }

    @Override
    public List<FeatureReference> trainingReference() {
        return delegate.trainingReference();
    }
}
