package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.contract.PredictionLogContract;
import org.magicsteps.core.testing.Students;

class MongoPredictionLogTest extends PredictionLogContract<MongoPredictionLog> {

    @RegisterExtension
    static final TestMongo mongo = new TestMongo();

    @TempDir
    Path journalDir;

    private String database;

    @Override
    protected MongoPredictionLog newLog() {
        database = TestMongo.newDatabaseName();
        return mongo.stores(database).openPredictionLog(journalDir.resolve("contract"));
    }

    /** Appends go to the journal; MongoDB, and so a query, has them once the writer thread has written them. */
    @Override
    protected Visibility visibility() {
        return Visibility.ONCE_WRITTEN;
    }

    @Override
    protected void awaitWritten(MongoPredictionLog log) {
        assertTrue(log.flush(Duration.ofSeconds(5)), "written within 5 s");
    }

    @Override
    protected String expectedImplementation() {
        return mongo.uri() + "/" + database + " + journal";
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    @Override
    protected Optional<MongoPredictionLog> failedStore() {
        MongoPredictionLog closed = mongo.log(journalDir.resolve("closed"));
        closed.close();
        return Optional.of(closed);
    }

    @Test
    void storesTheOriginalFieldNamesWithABsonDate() {
        String database = TestMongo.newDatabaseName();
        MongoPredictionLog log = mongo.stores(database).openPredictionLog(journalDir.resolve("fields"));
        log.append(Students.record("p-9", "ana", "RA-9", T0, "batch-1"));
        assertTrue(log.flush(Duration.ofSeconds(5)));

        Document doc = mongo.collection(database, "predictions").find().first();

        assertEquals("p-9", doc.getString("prediction_id"));
        assertEquals(Date.from(T0), doc.getDate("timestamp"));
        assertEquals("ana", doc.getString("user"));
        assertEquals("RA-9", doc.getString("student_id"));
        assertEquals(7.3, doc.get("features", Document.class).getDouble("score_ipv"));
        assertEquals("menina", doc.get("features", Document.class).getString("genero"));
        assertEquals(0.73, doc.getDouble("probability"));
        assertEquals(1, doc.getInteger("prediction"));
        assertEquals("média", doc.getString("confidence"));
        assertEquals(0.5, doc.getDouble("threshold"));
        assertEquals("1.0.0", doc.getString("model_version"));
        assertEquals("batch-1", doc.getString("batch_id"));
    }

    @Test
    void createsTheIndexesThatServeTheLogFilters() {
        String database = TestMongo.newDatabaseName();
        MongoPredictionLog log = mongo.stores(database).openPredictionLog(journalDir.resolve("indexes"));
        log.append(Students.record("p-1", "ana", "RA-1", T0, null));
        assertTrue(log.flush(Duration.ofSeconds(5)));

        List<Document> indexes = mongo.collection(database, "predictions").listIndexes().into(new ArrayList<>());

        Map<String, Document> byName = new java.util.HashMap<>();
        indexes.forEach(i -> byName.put(i.getString("name"), i));
        assertEquals(new Document("prediction_id", 1), byName.get("prediction_id_unique").get("key"));
        assertTrue(byName.get("prediction_id_unique").getBoolean("unique"));
        assertEquals(new Document("user", 1).append("timestamp", -1).append("prediction_id", -1),
                byName.get("user_time").get("key"));
        assertEquals(new Document("student_id", 1).append("timestamp", -1).append("prediction_id", -1),
                byName.get("student_time").get("key"));
        assertEquals(new Document("timestamp", -1).append("prediction_id", -1), byName.get("time").get("key"));
    }

    @Test
    void readsRecordsTheOriginalServiceWrote() {
        String database = TestMongo.newDatabaseName();
        MongoPredictionLog log = mongo.stores(database).openPredictionLog(journalDir.resolve("legacy"));
        // As the Python service logged them: no threshold, confidence or model version; ints for ints.
        mongo.collection(database, "predictions").insertOne(new Document("prediction_id", "old-1")
                .append("timestamp", Date.from(T0)).append("user", "ana").append("student_id", null)
                .append("features", new Document("fase", 3).append("genero", "menina"))
                .append("probability", 0.62).append("prediction", 1));

        PredictionRecord record = log.query(LogQuery.all()).records().get(0);

        assertEquals("old-1", record.predictionId());
        assertEquals(0.5, record.prediction().threshold().value());
        assertEquals(Confidence.BAIXA, record.prediction().confidence());
        assertEquals("unknown", record.prediction().modelVersion());
        assertEquals(3.0, record.features().number("fase").orElseThrow());
    }

    @Test
    void anUnreadableRecordFailsTheQueryNamingIt() {
        String database = TestMongo.newDatabaseName();
        MongoPredictionLog log = mongo.stores(database).openPredictionLog(journalDir.resolve("bad"));
        mongo.collection(database, "predictions").insertOne(new Document("prediction_id", "broken-7")
                .append("timestamp", "yesterday").append("user", "ana"));

        PortException e = assertThrows(PortException.class, () -> log.query(LogQuery.all()));

        assertTrue(e.getMessage().contains("broken-7"), e.getMessage());
    }

    @Test
    void isUpWithNothingPendingOnceWritten() {
        MongoPredictionLog log = mongo.log(journalDir.resolve("health"));
        log.append(List.of(Students.record("h-1", "ana", null, T0, null), Students.record("h-2", "ana", null, T0, null)));
        assertTrue(log.flush(Duration.ofSeconds(5)));

        ComponentHealth health = log.health();
        PredictionLogStatus status = log.status();

        assertEquals(ComponentHealth.Status.UP, health.status());
        assertEquals(0L, health.details().get("pending_records"));
        assertEquals(0L, status.pendingRecords());
        assertEquals(2L, status.writtenRecords());
        assertEquals(Duration.ZERO, status.oldestPendingAge());
        assertTrue(status.storeReachable());
        assertNull(status.lastError());
    }

    @Test
    void anAppendAfterCloseIsRefused() {
        MongoPredictionLog log = mongo.log(journalDir.resolve("closed"));
        log.close();

        PortException e = assertThrows(PortException.class,
                () -> log.append(Students.record("late", "ana", null, T0, null)));

        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertEquals(ComponentHealth.Status.DOWN, log.health().status());
    }

    @Test
    void aCleanCloseLeavesAnEmptyJournal() throws Exception {
        Path dir = journalDir.resolve("clean");
        MongoPredictionLog log = mongo.log(dir);
        for (int i = 0; i < 50; i++) {
            log.append(Students.record("c-" + i, "ana", null, T0, null));
        }

        log.close();

        try (var files = Files.list(dir)) {
            assertEquals(List.of("journal.lock"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void oneLogPerJournalDirectory() {
        Path dir = journalDir.resolve("shared");
        mongo.log(dir);

        PortException e = assertThrows(PortException.class, () -> mongo.log(dir));

        assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }
}
