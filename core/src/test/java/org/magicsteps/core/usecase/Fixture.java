package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.memory.InMemorySettingsStore;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.testing.Students;

/** The ports and use cases of one test, in memory, with calls to the model and the log counted. */
final class Fixture {

    static final Instant NOW = Instant.parse("2026-06-01T09:30:00Z");

    /** A predictor that counts its calls and remembers the batch sizes. */
    static final class CountingPredictor implements Predictor {
        private final Predictor inner = Students.predictor();
        final List<Integer> batchSizes = new ArrayList<>();

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
            batchSizes.add(students.size());
            return inner.probabilities(students);
        }

        @Override
        public ProcessedFeatures process(StudentFeatures student) {
            return inner.process(student);
        }
    }

    /** A log that counts its appends. */
    static final class CountingLog implements org.magicsteps.core.port.PredictionLog {
        final InMemoryPredictionLog inner = new InMemoryPredictionLog();
        final List<Integer> appendSizes = new ArrayList<>();

        @Override
        public void append(List<org.magicsteps.core.domain.PredictionRecord> records) {
            appendSizes.add(records.size());
            inner.append(records);
        }

        @Override
        public org.magicsteps.core.domain.LogPage query(org.magicsteps.core.domain.LogQuery query) {
            return inner.query(query);
        }

        @Override
        public int deleteBefore(java.time.Instant cutoff, int limit) {
            return inner.deleteBefore(cutoff, limit);
        }

    }

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final CountingPredictor predictor = new CountingPredictor();
    final CountingLog log = new CountingLog();
    final InMemorySettingsStore settings = new InMemorySettingsStore();
    final ReadThreshold readThreshold = new ReadThreshold(settings, predictor, clock, Duration.ZERO);
    final PredictStudent predictStudent = new PredictStudent(predictor, log, readThreshold, clock);
    final PredictBatch predictBatch = new PredictBatch(predictor, log, readThreshold, clock, 5);
    final ChangeThreshold changeThreshold = new ChangeThreshold(settings, readThreshold, clock);
}
