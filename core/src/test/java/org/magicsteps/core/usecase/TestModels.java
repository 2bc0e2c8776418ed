package org.magicsteps.core.usecase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ModelInput;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.memory.FunctionPredictor;
import org.magicsteps.core.port.EncodedInput;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.Students;

/** Models for the tests of serving several at once: closable, counted, optionally fed encoded rows. */
final class TestModels {

    private TestModels() {
    }

    /**
     * A model of the original schema whose probability is {@code rule}, that counts how often it is
     * closed, and takes encoded rows (its {@code process} output: numbers as they are, categories as
     * indexes) when {@code encoded}.
     */
    static final class Model implements Predictor, AutoCloseable {
        final FunctionPredictor inner;
        final AtomicInteger closed = new AtomicInteger();
        private final boolean encoded;
        private final ToDoubleFunction<StudentFeatures> rule;

        Model(String version, double threshold, ToDoubleFunction<StudentFeatures> rule, boolean encoded) {
            this.rule = rule;
            this.inner = new FunctionPredictor(new ModelInfo("model-" + version, version, "Function", 18, 0,
                    new Threshold(threshold), Instant.parse("2026-01-01T00:00:00Z"), Map.of("roc_auc", 0.9)),
                    Students.originalSchema(), rule);
            this.encoded = encoded;
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
            if (closed.get() > 0) {
                throw new IllegalStateException(info().version() + " is closed");
            }
            return inner.probabilities(students);
        }

        @Override
        public ProcessedFeatures process(StudentFeatures student) {
            return inner.process(student);
        }

        @Override
        public Optional<EncodedInput> encodedInput() {
            if (!encoded) {
                return Optional.empty();
            }
            List<String> columns = schema().names();
            return Optional.of(new EncodedInput() {
                @Override
                public ModelInput input() {
                    return new ModelInput("input", columns);
                }

                @Override
                public double[] probabilities(float[] rows) {
                    // score_ipv is column 8: the rules of these tests read it.
                    double[] out = new double[rows.length / columns.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = rows[i * columns.size() + 8] / 10.0;
                    }
                    return out;
                }
            });
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    /** p = score_ipv / 10, the rule {@link Students#predictor()} has. */
    static Model byIpv(String version, double threshold) {
        return new Model(version, threshold, s -> s.number("score_ipv").orElseThrow() / 10.0, true);
    }

    /** p = score_ida / 10. */
    static Model byIda(String version, double threshold) {
        return new Model(version, threshold, s -> s.number("score_ida").orElseThrow() / 10.0, false);
    }
}
