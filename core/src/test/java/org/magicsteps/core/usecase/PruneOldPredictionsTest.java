package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.testing.Students;

class PruneOldPredictionsTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:30:00Z");

    private final InMemoryPredictionLog log = new InMemoryPredictionLog();
    private final PruneOldPredictions prune = new PruneOldPredictions(log, Duration.ofDays(30),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void recordsOlderThanTheRetentionGoInStepsAndTheRestStays() {
        List<PredictionRecord> records = new ArrayList<>();
        for (int i = 0; i < PruneOldPredictions.STEP + 20; i++) {
            records.add(Students.record("old-" + i, "ana", "RA-1", NOW.minus(Duration.ofDays(31)).plusMillis(i), null));
        }
        records.add(Students.record("just-kept", "ana", "RA-1", NOW.minus(Duration.ofDays(30)), null));
        records.add(Students.record("recent", "ana", "RA-1", NOW.minusSeconds(5), null));
        log.append(records);

        assertEquals(PruneOldPredictions.STEP, prune.step(), "a full step: more may wait");
        assertEquals(20, prune.step());
        assertEquals(0, prune.step());

        assertEquals(List.of("recent", "just-kept"),
                log.query(LogQuery.all()).records().stream().map(PredictionRecord::predictionId).toList());
    }

    @Test
    void theCutoffIsNowMinusTheRetention() {
        assertEquals(NOW.minus(Duration.ofDays(30)), prune.cutoff());
    }

    @Test
    void aRetentionThatIsNotPositiveIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new PruneOldPredictions(log, Duration.ZERO, Clock.systemUTC()));
    }
}
