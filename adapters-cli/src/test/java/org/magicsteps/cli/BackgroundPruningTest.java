package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;
import org.magicsteps.core.usecase.PruneOldPredictions;

class BackgroundPruningTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static void awaitUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not done within 10 s");
            Thread.sleep(5);
        }
    }

    @Test
    void deletesEveryRecordPastTheRetentionInStepsAndKeepsTheRest() throws Exception {
        InMemoryPredictionLog log = new InMemoryPredictionLog();
        List<PredictionRecord> records = new ArrayList<>();
        for (int i = 0; i < 3 * PruneOldPredictions.STEP + 7; i++) {
            records.add(Students.record("old-" + i, "ana", "RA-1", NOW.minus(Duration.ofDays(40)).plusSeconds(i), null));
        }
        records.add(Students.record("recent", "ana", "RA-1", NOW.minus(Duration.ofDays(1)), null));
        log.append(records);

        try (BackgroundPruning pruning = BackgroundPruning.start(
                new PruneOldPredictions(log, Duration.ofDays(30), CLOCK))) {
            awaitUntil(() -> log.size() == 1);
        }

        assertEquals("recent", log.query(LogQuery.all()).records().get(0).predictionId());
    }

    @Test
    void aStoreThatCannotDeleteIsLeftAloneUntilTheNextLook() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        InMemoryPredictionLog inner = new InMemoryPredictionLog();
        org.magicsteps.core.port.PredictionLog failing = new org.magicsteps.core.port.PredictionLog() {
            @Override
            public void append(List<PredictionRecord> records) {
                inner.append(records);
            }

            @Override
            public org.magicsteps.core.domain.LogPage query(LogQuery query) {
                return inner.query(query);
            }

            @Override
            public int deleteBefore(Instant cutoff, int limit) {
                attempts.incrementAndGet();
                throw new PortException("the store is down");
            }
        };

        try (BackgroundPruning pruning = BackgroundPruning.start(
                new PruneOldPredictions(failing, Duration.ofDays(30), CLOCK))) {
            awaitUntil(() -> attempts.get() == 1);
        }

        assertEquals(1, attempts.get(), "no retry storm: the next look is a minute later");
    }
}
