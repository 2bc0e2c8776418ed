package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.contract.PredictionLogContract;
import org.magicsteps.core.testing.Students;

class SqlitePredictionLogTest extends PredictionLogContract<SqlitePredictionLog> {

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();
    private final ExecutorService pool = Executors.newFixedThreadPool(9);

    @AfterEach
    void closeStores() {
        pool.shutdownNow();
        stores.close();
    }

    private Path file() {
        return dir.resolve("store.db");
    }

    @Override
    protected SqlitePredictionLog newLog() {
        return stores.open(file()).predictionLog();
    }

    /** {@code append} returns once its transaction is committed, and every read sees the last commit. */
    @Override
    protected Visibility visibility() {
        return Visibility.AT_ONCE;
    }

    @Override
    protected String expectedImplementation() {
        return "sqlite:" + file().toAbsolutePath();
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    @Override
    protected Optional<SqlitePredictionLog> failedStore() {
        return Optional.of(stores.closed(dir.resolve("closed.db")).predictionLog());
    }

    private static PredictionRecord record(String id) {
        return Students.record(id, "ana", "RA-1", T0, null);
    }

    private static List<String> ids(PredictionLog log) {
        return log.query(LogQuery.all().limit(LogQuery.MAX_LIMIT)).records().stream()
                .map(PredictionRecord::predictionId).sorted().toList();
    }

    /** Makes the file refuse a record whose prediction id starts with "bad", as a failing disk would refuse any. */
    private void refuseBadRecords() throws Exception {
        try (Connection connection = SqliteFile.at(file(), Durability.FULL).connect(false);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TRIGGER refuse_bad BEFORE INSERT ON predictions WHEN NEW.prediction_id LIKE 'bad%'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
    }

    /** Occupies the writer until the returned latch is released. */
    private CountDownLatch holdTheWriter(SqliteStores store) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        pool.submit(() -> store.writer().write("holding the writer", connection -> {
            holding.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertTrue(holding.await(10, TimeUnit.SECONDS));
        return release;
    }

    private static void awaitPending(SqliteStores store, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.writer().pending() < jobs && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(jobs, store.writer().pending());
    }

    /**
     * A full disk (here the file's page limit, which SQLite reports as SQLITE_FULL just as a full
     * disk) fails appends with 503-worthy errors, and once there is room again appends succeed on
     * the same store, without a restart: the writer's statements survive the failed transactions.
     */
    @Test
    void appendsSucceedAgainOnceAFullDiskHasRoom() throws Exception {
        SqliteStores store = stores.open(file());
        SqlitePredictionLog log = store.predictionLog();
        log.append(record("p-first"));
        long pages = store.writer().write("reading the page count", connection -> {
            try (Statement statement = connection.createStatement();
                    var result = statement.executeQuery("PRAGMA page_count")) {
                result.next();
                return result.getLong(1);
            }
        });
        setMaxPageCount(store, pages + 2);
        List<String> appended = new ArrayList<>(List.of("p-first"));
        PortException full = null;
        for (int i = 0; i < 10_000 && full == null; i++) {
            try {
                log.append(record("p-" + i));
                appended.add("p-" + i);
            } catch (PortException e) {
                full = e;
            }
        }
        assertTrue(full != null && full.getMessage().contains("full"), String.valueOf(full));
        // Refused again while full, then room comes back.
        assertThrows(PortException.class, () -> log.append(record("p-still-full")));
        setMaxPageCount(store, 1_000_000);
        log.append(record("p-again"));
        appended.add("p-again");
        assertEquals(appended.stream().sorted().toList(), ids(log));
    }

    private static void setMaxPageCount(SqliteStores store, long pages) {
        store.writer().write("limiting the file", connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
    }

    @Test
    void featuresKeepTheirTypes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("turma", "007");
        values.put("fase", 3);
        values.put("score_inde", 7.123456789012345);
        StudentFeatures features = new StudentFeatures(values);
        PredictionLog log = newLog();

        log.append(new PredictionRecord(Prediction.of("p", null, 0.5, new Threshold(0.5), "1", T0), "ana", features, null));

        Map<String, Object> read = log.query(LogQuery.all()).records().get(0).features().values();
        assertEquals("007", read.get("turma"));
        assertEquals(Double.valueOf(3.0), read.get("fase"));
        assertEquals(Double.valueOf(7.123456789012345), read.get("score_inde"));
    }

    @Test
    void aRecordIsReadableFromAnotherStoreAsSoonAsAppendReturns() {
        PredictionLog log = newLog();
        PredictionLog other = stores.open(file()).predictionLog();

        log.append(record("p-1"));

        assertEquals(List.of("p-1"), ids(other));
    }

    @Test
    void concurrentAppendsShareOneTransaction() throws Exception {
        SqliteStores store = stores.open(file());
        CountDownLatch release = holdTheWriter(store);
        List<Future<?>> appends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String id = "p-" + i;
            appends.add(pool.submit(() -> store.predictionLog().append(record(id))));
        }
        awaitPending(store, 8);
        long before = store.writer().transactions();

        release.countDown();
        for (Future<?> append : appends) {
            append.get(10, TimeUnit.SECONDS);
        }

        assertEquals(2, store.writer().transactions() - before, "the held task's commit, then one for all 8 appends");
        assertEquals(8, ids(store.predictionLog()).size());
    }

    @Test
    void aBatchIsOneTransaction() {
        SqliteStores store = stores.open(file());
        List<PredictionRecord> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(Students.record("b-" + i, "ana", "RA-" + i, T0, "batch-1"));
        }
        long before = store.writer().transactions();

        store.predictionLog().append(batch);

        assertEquals(1, store.writer().transactions() - before);
        assertEquals(500, ids(store.predictionLog()).size());
    }

    @Test
    void aBatchThatCannotBeWrittenWholeIsNotWrittenAtAll() throws Exception {
        PredictionLog log = newLog();
        refuseBadRecords();

        PortException e = assertThrows(PortException.class,
                () -> log.append(List.of(record("good-1"), record("bad-1"), record("good-2"))));

        assertTrue(e.getMessage().contains(file().toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("appending 3 prediction records failed"), e.getMessage());
        assertTrue(e.getMessage().contains("refused by the test"), e.getMessage());
        assertEquals(List.of(), ids(log));
    }

    @Test
    void anAppendThatFailsDoesNotFailTheOthersOfItsTransaction() throws Exception {
        SqliteStores store = stores.open(file());
        refuseBadRecords();
        CountDownLatch release = holdTheWriter(store);
        Future<?> good1 = pool.submit(() -> store.predictionLog().append(record("good-1")));
        awaitPending(store, 1);
        Future<?> bad = pool.submit(() -> store.predictionLog().append(record("bad-1")));
        awaitPending(store, 2);
        Future<?> good2 = pool.submit(() -> store.predictionLog().append(List.of(record("good-2"), record("good-3"))));
        awaitPending(store, 3);

        release.countDown();

        good1.get(10, TimeUnit.SECONDS);
        good2.get(10, TimeUnit.SECONDS);
        Exception failure = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof PortException, String.valueOf(failure.getCause()));
        assertEquals(List.of("good-1", "good-2", "good-3"), ids(store.predictionLog()));
    }

    @Test
    void healthNamesTheFileAndTurnsDownWhileWritesFail() throws Exception {
        SqliteStores store = stores.open(file());
        SqlitePredictionLog log = store.predictionLog();
        log.append(List.of(record("p-1"), record("p-2")));
        log.append(record("p-1"));

        ComponentHealth up = log.health();
        assertEquals("sqlite:" + file().toAbsolutePath(), up.implementation());
        assertTrue(up.persistent());
        assertEquals(ComponentHealth.Status.UP, up.status());
        assertEquals(2L, up.details().get("records_written"));
        assertEquals(1L, up.details().get("duplicate_records"));
        assertEquals(Schema.VERSION, up.details().get("schema_version"));
        assertTrue((Long) up.details().get("database_bytes") > 0);

        refuseBadRecords();
        assertThrows(PortException.class, () -> log.append(record("bad-1")));
        ComponentHealth down = log.health();
        assertEquals(ComponentHealth.Status.DOWN, down.status());
        assertTrue(String.valueOf(down.details().get("error")).contains("refused by the test"), down.toString());

        log.append(record("p-3"));
        assertEquals(ComponentHealth.Status.UP, log.health().status());
    }

    @Test
    void aClosedStoreRefusesWithAPortExceptionAndReportsDown() {
        SqliteStores store = stores.open(file());
        store.close();

        PortException append = assertThrows(PortException.class, () -> store.predictionLog().append(record("p-1")));
        assertTrue(append.getMessage().contains("is closed"), append.getMessage());
        assertThrows(PortException.class, () -> store.predictionLog().query(LogQuery.all()));
        assertEquals(ComponentHealth.Status.DOWN, store.predictionLog().health().status());
        assertEquals(ComponentHealth.Status.DOWN, store.users().health().status());
    }

    @Test
    void anEmptyAppendWritesNothing() {
        SqliteStores store = stores.open(file());
        long before = store.writer().transactions();

        store.predictionLog().append(List.of());

        assertEquals(before, store.writer().transactions());
    }

    @Test
    void deepPagesReadTheSameRecordsAsAnInMemoryLog() {
        PredictionLog log = newLog();
        org.magicsteps.core.memory.InMemoryPredictionLog memory = new org.magicsteps.core.memory.InMemoryPredictionLog();
        List<PredictionRecord> all = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            all.add(Students.record(String.format("id-%03d", (i * 37) % 300), i % 3 == 0 ? "ana" : "bia",
                    "RA-" + i % 7, Instant.ofEpochMilli(T0.toEpochMilli() + i / 4), null));
        }
        log.append(all);
        memory.append(all);

        for (LogQuery first : List.of(LogQuery.all().limit(17), LogQuery.all().forUser("bia").limit(9),
                LogQuery.all().forStudent("RA-3").limit(4), LogQuery.all().between(T0.plusMillis(10), T0.plusMillis(50)).limit(6))) {
            LogQuery query = first;
            do {
                var page = log.query(query);
                var expected = memory.query(query);
                assertEquals(expected, page, query.toString());
                query = page.next() == null ? null : query.after(page.next());
            } while (query != null);
        }
    }
}
