package org.magicsteps.http;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.Predictor;

/**
 * A {@link Predictor} that reports how long each scoring call takes, by students or by encoded
 * rows. Closing it closes the model it times, so that a model replaced while the service runs is
 * freed once its last request is done.
 */
final class TimedPredictor implements Predictor, AutoCloseable {

    private final Predictor delegate;
    private final ServiceMetrics metrics;
    private final Optional<EncodedInput> encodedInput;

    TimedPredictor(Predictor delegate, ServiceMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
        this.encodedInput = delegate.encodedInput().map(TimedInput::new);
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
            metrics.inference(delegate.info().version(), (System.nanoTime() - start) / 1e9);
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
    public Optional<EncodedInput> encodedInput() {
        return encodedInput;
    }

    @Override
    public void close() throws Exception {
        if (delegate instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private final class TimedInput implements EncodedInput {
        private final EncodedInput input;

        TimedInput(EncodedInput input) {
            this.input = input;
        }

        @Override
        public ModelInput input() {
            return input.input();
        }

        @Override
        public double[] probabilities(float[] rows) {
            long start = System.nanoTime();
            try {
                double[] result = input.probabilities(rows);
                metrics.inference(delegate.info().version(), (System.nanoTime() - start) / 1e9);
                return result;
            } catch (RuntimeException e) {
                metrics.inferenceFailed();
                throw e;
            }
        }
    }
}
