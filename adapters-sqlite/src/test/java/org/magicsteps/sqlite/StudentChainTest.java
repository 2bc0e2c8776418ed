package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.testing.Students;

/**
 * A student's pages come from the student's chain, not from an index: whatever order records
 * arrive in, from however many processes, with duplicates and retention in between, they must
 * read exactly as core's in-memory log reads them.
 */
class StudentChainTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");
    private static final List<String> STUDENTS = List.of("RA-1", "RA-2", "RA-3", "RA-4");

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void close() {
        stores.close();
    }

    private static void assertSamePages(PredictionLog expected, PredictionLog actual, LogQuery first) {
        LogQuery query = first;
        int pages = 0;
        do {
            LogPage want = expected.query(query);
            LogPage got = actual.query(query);
            assertEquals(want, got, query + ", page " + pages);
            query = got.next() == null ? null : query.after(got.next());
            pages++;
        } while (query != null);
    }

    private static void assertSameStudentPages(PredictionLog expected, PredictionLog actual, Random random) {
        for (String student : STUDENTS) {
            assertSamePages(expected, actual, LogQuery.all().forStudent(student).limit(1 + random.nextInt(7)));
            assertSamePages(expected, actual, LogQuery.all().forStudent(student).forUser("bia").limit(3));
            assertSamePages(expected, actual, LogQuery.all().forStudent(student).limit(2)
                    .between(T0.plusMillis(5), T0.plusMillis(40)));
        }
        assertSamePages(expected, actual, LogQuery.all().forStudent("RA-never").limit(5));
    }

    @Test
    void recordsInAnyOrderFromTwoProcessesWithDuplicatesAndPruningReadAsInMemory() {
        Path file = dir.resolve("store.db");
        // Two stores on one file stand for two processes: each has its own writer and its own memory of heads.
        List<PredictionLog> writers = List.of(stores.open(file).predictionLog(), stores.open(file).predictionLog());
        InMemoryPredictionLog memory = new InMemoryPredictionLog();
        Random random = new Random(13);
        List<PredictionRecord> appended = new ArrayList<>();
        for (int round = 0; round < 60; round++) {
            List<PredictionRecord> batch = new ArrayList<>();
            int size = 1 + random.nextInt(round % 10 == 0 ? 40 : 4);
            for (int i = 0; i < size; i++) {
                if (!appended.isEmpty() && random.nextInt(12) == 0) {
                    batch.add(appended.get(random.nextInt(appended.size())));  // a retried append
                    continue;
                }
                // Few distinct milliseconds, so that many records tie and arrive out of order.
                Instant at = T0.plusMillis(random.nextInt(50));
                String id = random.nextBoolean() ? UUID.randomUUID().toString() : "id-" + random.nextInt(100_000);
                batch.add(Students.record(id, random.nextBoolean() ? "ana" : "bia",
                        STUDENTS.get(random.nextInt(STUDENTS.size())), at, null));
            }
            writers.get(random.nextInt(2)).append(batch);
            memory.append(batch);
            appended.addAll(batch);
            if (round % 15 == 14) {
                Instant cutoff = T0.plusMillis(random.nextInt(10));
                int limit = 1 + random.nextInt(20);
                assertEquals(memory.deleteBefore(cutoff, limit), writers.get(random.nextInt(2)).deleteBefore(cutoff, limit));
            }
            assertSameStudentPages(memory, writers.get(random.nextInt(2)), random);
        }
        assertSameStudentPages(memory, stores.open(file).predictionLog(), random);
    }

    @Test
    void aCursorFromAnotherQueryStillGivesTheRecordsAfterIt() {
        PredictionLog log = stores.open(dir.resolve("store.db")).predictionLog();
        InMemoryPredictionLog memory = new InMemoryPredictionLog();
        List<PredictionRecord> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            records.add(Students.record("p-" + i, "ana", STUDENTS.get(i % 2), T0.plusMillis(i), null));
        }
        log.append(records);
        memory.append(records);
        // A cursor at a record of RA-1 used for RA-2's pages, and one at a record that does not exist.
        for (LogCursor cursor : List.of(LogCursor.after(records.get(15)), new LogCursor(T0.plusMillis(20), "p-zz"))) {
            LogQuery query = LogQuery.all().forStudent("RA-2").limit(4).after(cursor);
            assertEquals(memory.query(query), log.query(query), cursor.toString());
        }
    }

    @Test
    void aStudentWhoseRecordsWereAllPrunedStartsANewChain() {
        PredictionLog log = stores.open(dir.resolve("store.db")).predictionLog();
        log.append(List.of(Students.record("old-1", "ana", "RA-1", T0, null),
                Students.record("old-2", "ana", "RA-1", T0.plusMillis(1), null)));
        assertEquals(2, log.deleteBefore(T0.plusSeconds(1), 10));

        PredictionRecord newer = Students.record("new-1", "ana", "RA-1", T0.plusSeconds(5), null);
        PredictionRecord between = Students.record("new-0", "ana", "RA-1", T0.plusSeconds(2), null);
        log.append(newer);
        log.append(between);

        assertEquals(List.of(newer, between), log.query(LogQuery.all().forStudent("RA-1")).records());
    }
}
