package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.SettingsStore;
import org.magicsteps.core.port.contract.SettingsStoreContract;
import org.magicsteps.core.testing.ManualClock;
import org.magicsteps.core.testing.Students;
import org.magicsteps.core.usecase.ChangeThreshold;
import org.magicsteps.core.usecase.ReadThreshold;

class MongoSettingsStoreTest extends SettingsStoreContract<MongoSettingsStore> {

    @RegisterExtension
    static final TestMongo mongo = new TestMongo();

    private String database;

    @Override
    protected MongoSettingsStore newStore() {
        database = TestMongo.newDatabaseName();
        return mongo.stores(database).settings();
    }

    @Override
    protected String expectedImplementation() {
        return mongo.uri() + "/" + database;
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    @Override
    protected Optional<MongoSettingsStore> failedStore() {
        return Optional.of(mongo.unreachable().settings());
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
    void everyReplicaSeesAChangeWithinASecond() {
        // Two replicas of the server, each with its own client and its own cached threshold. The
        // store caches nothing, so what delays a replica is its ReadThreshold's refresh alone: the
        // clock is moved by hand across that period, with no waiting.
        SettingsStore first = mongo.stores(database).settings();
        SettingsStore second = mongo.stores(database).settings();
        ManualClock clock = new ManualClock(Instant.parse("2026-05-01T10:00:00Z"));
        ReadThreshold readByFirst = new ReadThreshold(first, Students.predictor(), clock, ReadThreshold.DEFAULT_REFRESH);
        ReadThreshold readBySecond = new ReadThreshold(second, Students.predictor(), clock, ReadThreshold.DEFAULT_REFRESH);
        assertEquals(0.5, readBySecond.current().threshold().value());

        new ChangeThreshold(first, readByFirst, clock).execute(new Actor("ana", Role.ADMIN), 0.37);

        assertEquals(0.37, readByFirst.current().threshold().value(), "the replica that changed it, at once");
        clock.advance(ReadThreshold.DEFAULT_REFRESH.minusMillis(1));
        assertEquals(0.5, readBySecond.current().threshold().value(), "the other, from its cache until the refresh");
        clock.advance(Duration.ofMillis(1));
        assertEquals(0.37, readBySecond.current().threshold().value(), "the other, once the refresh period is over");
        assertTrue(ReadThreshold.DEFAULT_REFRESH.compareTo(Duration.ofSeconds(1)) < 0, "within a second");
    }

    @Test
    void aNegativeHistoryLimitIsRefused() {
        SettingsStore store = mongo.stores(database).settings();

        assertThrows(IllegalArgumentException.class, () -> store.thresholdHistory(-1));
        assertEquals(List.of(), store.thresholdHistory(0));
    }
}
