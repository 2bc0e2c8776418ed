package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.contract.SettingsStoreContract;
import org.magicsteps.core.testing.Students;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.ReadThreshold;

class MongoSettingsStoreTest extends SettingsStoreContract {

    private static TestMongo mongo;
    private String database;

    @BeforeAll
    static void startServer() {
        mongo = new TestMongo();
    }

    @AfterAll
    static void stopServer() {
        mongo.close();
    }

    @AfterEach
    void closeStores() {
        mongo.closeStores();
    }

    @Override
    protected SettingsStore newStore() {
        database = TestMongo.newDatabaseName();
        return mongo.stores(database).settings();
    }

    @Override
    protected SettingsStore sameStoreFromAnotherReplica() {
        // Another client, as another process would have.
        return mongo.stores(database).settings();
    }

    @Test
    void keepsTheSettingAndItsAuditTrailInOneDocument() {
        SettingsStore store = mongo.stores(database).settings();
        store.saveThreshold(new ThresholdSetting(new Threshold(0.4), Instant.parse("2026-05-01T10:00:00Z"), "ana", "1.0.0"));
        store.saveThreshold(new ThresholdSetting(new Threshold(0.45), Instant.parse("2026-05-02T10:00:00Z"), "bia", "1.0.0"));

        Document doc = mongo.collection(database, "settings").find().first();

        assertEquals("threshold", doc.get("_id"));
        assertEquals(0.45, doc.getDouble("threshold"));
        assertEquals("bia", doc.getString("updated_by"));
        assertEquals(Instant.parse("2026-05-02T10:00:00Z"), doc.getDate("updated_at").toInstant());
        assertEquals("1.0.0", doc.getString("model_version"));
        assertEquals(List.of("bia", "ana"), doc.getList("history", Document.class).stream()
                .map(h -> h.getString("updated_by")).toList());
    }

    @Test
    void everyReplicaSeesAChangeWithinASecond() throws Exception {
        // Two replicas of the server, each with its own client and its own cached threshold.
        SettingsStore first = mongo.stores(database).settings();
        SettingsStore second = mongo.stores(database).settings();
        ReadThreshold readByFirst = new ReadThreshold(first, Students.predictor());
        ReadThreshold readBySecond = new ReadThreshold(second, Students.predictor());
        assertEquals(0.5, readBySecond.current().threshold().value());

        new ChangeThreshold(first, readByFirst, Clock.systemUTC()).execute(new Actor("ana", Role.ADMIN), 0.37);
        long changedAt = System.nanoTime();
        while (readBySecond.current().threshold().value() != 0.37) {
            assertTrue(System.nanoTime() - changedAt < 1_000_000_000L, "seen by the other replica within 1 s");
            Thread.sleep(20);
        }
    }

    @Test
    void aNegativeHistoryLimitIsRefused() {
        SettingsStore store = mongo.stores(database).settings();

        assertThrows(IllegalArgumentException.class, () -> store.thresholdHistory(-1));
        assertEquals(List.of(), store.thresholdHistory(0));
    }
}
