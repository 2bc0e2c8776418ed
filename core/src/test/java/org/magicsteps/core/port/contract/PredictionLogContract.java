package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.testing.Students;

/**
 * What every {@link PredictionLog} does. Each test reads what it appended as the implementation
 * promises ({@link #visibility()}): a log that promises {@code AT_ONCE} is queried right after its
 * appends, with no waiting.
 */
public abstract class PredictionLogContract<S extends PredictionLog & HealthReporting> extends HealthContract<S> {

    protected static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    /** When an appended record can be queried, as {@link PredictionLog} lets an implementation promise. */
    protected enum Visibility {
        /** Once {@code append} returns, every later query, from any thread, sees the records. */
        AT_ONCE,
        /** Once the log has written them behind its buffer; {@link #awaitWritten} waits for that. */
        ONCE_WRITTEN
    }

    /** A new, empty log. */
    protected abstract S newLog();

    /** What the implementation's Javadoc promises. */
    protected abstract Visibility visibility();

    /**
     * Waits until what was appended can be read; called only when {@link #visibility()} is
     * {@link Visibility#ONCE_WRITTEN}, so a log that promises {@code AT_ONCE} is tested without it.
     */
    protected void awaitWritten(S log) {
        throw new UnsupportedOperationException("a log whose records show once written must say how to wait");
    }

    private S log;

    @BeforeEach
    void createLog() {
        log = newLog();
    }

    private List<PredictionRecord> append(PredictionRecord... records) {
        log.append(List.of(records));
        awaitVisible();
        return List.of(records);
    }

    private void awaitVisible() {
        if (visibility() == Visibility.ONCE_WRITTEN) {
            awaitWritten(log);
        }
    }

    @Test
    void aRecordReadsBackExactlyAsAppended() {
        StudentFeatures features = StudentFeatures.builder().fase(3).scoreInde(7.25).turma("b").genero("menina").build();
        Prediction prediction = Prediction.of("p-1", "RA-7", 0.3456789012345, new Threshold(0.42), "2.1.0", T0);
        PredictionRecord record = new PredictionRecord(prediction, "ana", features, "batch-9");
        append(record);

        List<PredictionRecord> read = log.query(LogQuery.all()).records();

        assertEquals(List.of(record), read);
    }

    @Test
    void aRecordWithoutStudentIdOrBatchReadsBack() {
        PredictionRecord record = Students.record("p-1", "ana", null, T0, null);
        append(record);

        assertEquals(List.of(record), log.query(LogQuery.all()).records());
    }

    @Test
    void recordsComeNewestFirst() {
        append(Students.record("a", "ana", "RA-1", T0, null),
                Students.record("b", "ana", "RA-1", T0.plusSeconds(10), null),
                Students.record("c", "ana", "RA-1", T0.plusSeconds(5), null));

        assertEquals(List.of("b", "c", "a"), ids(log.query(LogQuery.all())));
    }

    @Test
    void appendingAPredictionIdTwiceKeepsOneRecord() {
        PredictionRecord record = Students.record("same", "ana", "RA-1", T0, null);
        append(record);
        append(record, Students.record("other", "ana", "RA-1", T0, null));

        assertEquals(Set.of("same", "other"), new HashSet<>(ids(log.query(LogQuery.all()))));
        assertEquals(2, log.query(LogQuery.all()).records().size());
    }

    @Test
    void filtersByUserAndByStudent() {
        append(Students.record("1", "ana", "RA-1", T0, null),
                Students.record("2", "bia", "RA-1", T0.plusSeconds(1), null),
                Students.record("3", "ana", "RA-2", T0.plusSeconds(2), null));

        assertEquals(List.of("3", "1"), ids(log.query(LogQuery.all().forUser("ana"))));
        assertEquals(List.of("2", "1"), ids(log.query(LogQuery.all().forStudent("RA-1"))));
        assertEquals(List.of("1"), ids(log.query(LogQuery.all().forUser("ana").forStudent("RA-1"))));
        assertEquals(List.of(), ids(log.query(LogQuery.all().forUser("nobody"))));
    }

    @Test
    void timeRangeIncludesFromAndExcludesTo() {
        append(Students.record("before", "ana", "RA-1", T0.minusMillis(1), null),
                Students.record("at-from", "ana", "RA-1", T0, null),
                Students.record("inside", "ana", "RA-1", T0.plusSeconds(30), null),
                Students.record("at-to", "ana", "RA-1", T0.plusSeconds(60), null));

        assertEquals(List.of("inside", "at-from"), ids(log.query(LogQuery.all().between(T0, T0.plusSeconds(60)))));
        assertEquals(List.of("at-to", "inside", "at-from"), ids(log.query(LogQuery.all().between(T0, null))));
        assertEquals(List.of("before"), ids(log.query(LogQuery.all().between(null, T0))));
    }

    @Test
    void pagesWalkTheWholeLogOnceEvenWhenTimestampsTie() {
        List<PredictionRecord> all = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            // Batches share a timestamp: seven records at each instant.
            all.add(Students.record(String.format("id-%02d", i), "ana", "RA-" + i, T0.plusSeconds(i / 7), "b" + i / 7));
        }
        log.append(all);
        awaitVisible();

        List<String> seen = new ArrayList<>();
        LogQuery query = LogQuery.all().limit(5);
        int pages = 0;
        LogPage page;
        do {
            page = log.query(query);
            seen.addAll(ids(page));
            pages++;
            query = query.after(page.next());
        } while (page.next() != null);

        assertEquals(5, pages);
        assertEquals(23, seen.size());
        assertEquals(23, new HashSet<>(seen).size(), "no record twice");
        List<String> expected = all.stream()
                .sorted((a, b) -> {
                    int byTime = b.prediction().timestamp().compareTo(a.prediction().timestamp());
                    return byTime != 0 ? byTime : b.predictionId().compareTo(a.predictionId());
                })
                .map(PredictionRecord::predictionId).toList();
        assertEquals(expected, seen);
    }

    @Test
    void aFullLastPageHasNoNextCursor() {
        append(Students.record("1", "ana", null, T0, null), Students.record("2", "ana", null, T0.plusSeconds(1), null));

        LogPage page = log.query(LogQuery.all().limit(2));

        assertEquals(2, page.records().size());
        assertNull(page.next());
    }

    @Test
    void aPartialPageHasANextCursorThatFiltersKeep() {
        for (int i = 0; i < 6; i++) {
            append(Students.record("p" + i, i % 2 == 0 ? "ana" : "bia", "RA-1", T0.plusSeconds(i), null));
        }
        LogQuery anasFirstTwo = LogQuery.all().forUser("ana").limit(2);
        LogPage first = log.query(anasFirstTwo);
        assertNotNull(first.next());

        LogPage second = log.query(anasFirstTwo.after(first.next()));

        assertEquals(List.of("p4", "p2"), ids(first));
        assertEquals(List.of("p0"), ids(second));
        assertNull(second.next());
    }

    @Test
    void aLargeBatchIsStoredWhole() {
        List<PredictionRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(Students.record("b-" + i, "ana", "RA-" + i, T0, "big"));
        }
        log.append(batch);
        awaitVisible();

        assertEquals(500, log.query(LogQuery.all().limit(LogQuery.MAX_LIMIT)).records().size());
        assertTrue(log.query(LogQuery.all().forStudent("RA-499")).records().get(0).batchId().equals("big"));
    }

    @Test
    void deletingBeforeAnInstantTakesTheOldestFirstAndAtMostTheLimit() {
        append(Students.record("old-3", "ana", "RA-1", T0.minusSeconds(3), null),
                Students.record("old-2", "bia", "RA-2", T0.minusSeconds(2), null),
                Students.record("old-1", "ana", "RA-2", T0.minusMillis(1), null),
                Students.record("at-cutoff", "ana", "RA-1", T0, null),
                Students.record("new", "bia", "RA-1", T0.plusSeconds(1), null));

        assertEquals(2, log.deleteBefore(T0, 2));
        assertEquals(List.of("new", "at-cutoff", "old-1"), ids(log.query(LogQuery.all())));
        assertEquals(1, log.deleteBefore(T0, 10));
        assertEquals(0, log.deleteBefore(T0, 10));

        assertEquals(List.of("new", "at-cutoff"), ids(log.query(LogQuery.all())));
        assertEquals(List.of("at-cutoff"), ids(log.query(LogQuery.all().forUser("ana"))));
        assertEquals(List.of(), ids(log.query(LogQuery.all().forStudent("RA-2"))));
    }

    @Test
    void deletingAmongRecordsOfOneInstantTakesTheLowestIdsFirst() {
        append(Students.record("c", "ana", "RA-1", T0.minusSeconds(1), null),
                Students.record("a", "ana", "RA-1", T0.minusSeconds(1), null),
                Students.record("b", "ana", "RA-1", T0.minusSeconds(1), null));

        assertEquals(2, log.deleteBefore(T0, 2));

        assertEquals(List.of("c"), ids(log.query(LogQuery.all().forStudent("RA-1"))));
    }

    @Test
    void deletingInStepsEmptiesALogAndAppendsGoOn() {
        List<PredictionRecord> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(Students.record("b-" + i, "ana", "RA-" + i % 3, T0.minusSeconds(120 - i), "old"));
        }
        log.append(batch);
        awaitVisible();

        int steps = 0;
        while (log.deleteBefore(T0, 50) == 50) {
            steps++;
            append(Students.record("during-" + steps, "ana", "RA-1", T0.plusSeconds(steps), null));
        }

        assertEquals(2, steps);
        assertEquals(List.of("during-2", "during-1"), ids(log.query(LogQuery.all())));
    }

    @Test
    void deletingWithALimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> log.deleteBefore(T0, 0));
    }

    @Test
    void whatEachThreadAppendsItReadsBackAsPromised() throws Exception {
        int threads = 8;
        int appendsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<String>>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String student = "RA-" + t;
                writers.add(() -> {
                    List<String> notSeen = new ArrayList<>();
                    for (int i = 0; i < appendsEach; i++) {
                        String id = student + "-" + i;
                        log.append(Students.record(id, "ana", student, T0.plusMillis(i), null));
                        if (visibility() == Visibility.AT_ONCE
                                && log.query(LogQuery.all().forStudent(student).limit(1)).records().stream()
                                        .noneMatch(r -> r.predictionId().equals(id))) {
                            notSeen.add(id);
                        }
                    }
                    return notSeen;
                });
            }
            List<String> notSeen = new ArrayList<>();
            for (Future<List<String>> writer : pool.invokeAll(writers)) {
                notSeen.addAll(writer.get());
            }
            assertEquals(List.of(), notSeen, "records a query right after their append did not return");
        } finally {
            pool.shutdownNow();
        }
        awaitVisible();

        assertEquals(threads * appendsEach, log.query(LogQuery.all().limit(LogQuery.MAX_LIMIT)).records().size());
    }

    @Override
    protected S usedStore() {
        append(Students.record("h-1", "ana", "RA-1", T0, null));
        return log;
    }

    private static List<String> ids(LogPage page) {
        return page.records().stream().map(PredictionRecord::predictionId).toList();
    }
}
