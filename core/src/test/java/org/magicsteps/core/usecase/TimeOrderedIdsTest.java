package org.magicsteps.core.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.BatchPrediction;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.testing.Students;

class TimeOrderedIdsTest {

    private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123Z");

    @Test
    void anIdIsAVersion7UuidInTheUsualTextCarryingItsMillisecond() {
        String id = TimeOrderedIds.next(AT);
        UUID uuid = UUID.fromString(id);

        assertEquals(uuid.toString(), id, "lower-case canonical text, as clients always got");
        assertEquals(7, uuid.version());
        assertEquals(2, uuid.variant());
        assertEquals(AT.toEpochMilli(), uuid.getMostSignificantBits() >>> 16);
    }

    @Test
    void laterIdsSortAfterEarlierOnes() {
        String previous = TimeOrderedIds.next(AT);
        for (int ms = 1; ms < 5_000; ms++) {
            String next = TimeOrderedIds.next(AT.plusMillis(ms));
            assertTrue(next.compareTo(previous) > 0, next + " should sort after " + previous);
            previous = next;
        }
    }

    @Test
    void idsOfOneMillisecondDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIds.next(AT));
        }
        assertEquals(100_000, ids.size());
    }

    @Test
    void predictionsAndTheirBatchGetTimeOrderedIds() {
        Fixture fx = new Fixture();
        BatchPrediction batch = fx.predictBatch.execute(new PredictBatch.Command("ana", List.of(
                new PredictBatch.Student("RA-1", Students.rawStudent()),
                new PredictBatch.Student("RA-2", Students.rawStudent()))));

        assertEquals(Fixture.NOW.toEpochMilli(), UUID.fromString(batch.batchId()).getMostSignificantBits() >>> 16);
        for (Prediction p : batch.predictions()) {
            UUID id = UUID.fromString(p.predictionId());
            assertEquals(7, id.version());
            assertEquals(p.timestamp().toEpochMilli(), id.getMostSignificantBits() >>> 16);
        }
    }
}
