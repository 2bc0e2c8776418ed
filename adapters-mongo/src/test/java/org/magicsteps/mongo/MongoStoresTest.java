package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;

class MongoStoresTest {

    private static final String NOBODY = TestMongo.NOBODY;

    @TempDir
    Path data;

    @Test
    void aMalformedUriIsRefusedWithoutRepeatingItsCredentials() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MongoStores.connect("mongodb://ana:s3cret@db:notaport", null));

        assertTrue(e.getMessage().startsWith("MONGO_URI: "), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aMissingUriIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MongoStores.connect(" ", null));
    }

    @Test
    void theDescriptionNamesHostsAndDatabaseButNoCredentials() {
        try (MongoStores stores = MongoStores.connect("mongodb://ana:s3cret@127.0.0.1:9/other?authSource=admin", null)) {
            assertEquals("mongodb://127.0.0.1:9/other", stores.description());
        }
        try (MongoStores stores = MongoStores.connect(NOBODY, "")) {
            assertEquals("mongodb://127.0.0.1:9/magic_steps", stores.description());
        }
        try (MongoStores stores = MongoStores.connect(NOBODY + "/other", "chosen")) {
            assertEquals("mongodb://127.0.0.1:9/chosen", stores.description());
        }
    }

    @Test
    void anUnreachableServerFailsCallsWithAPortExceptionAndShowsDown() {
        try (MongoStores stores = MongoStores.connect(NOBODY, null, TestMongo.FAST)) {
            PortException e = assertThrows(PortException.class, () -> stores.users().find("ana"));

            assertTrue(e.getMessage().startsWith("MongoDB: reading user 'ana' failed"), e.getMessage());
            assertEquals(ComponentHealth.Status.DOWN, stores.users().health().status());
            assertEquals(ComponentHealth.Status.DOWN, stores.settings().health().status());
        }
    }

    @Test
    void theLogTakesAppendsWhileMongoIsUnreachableAndSaysItIsDegraded() {
        try (MongoStores stores = MongoStores.connect(NOBODY, null, TestMongo.FAST)) {
            MongoPredictionLog log = stores.openPredictionLog(data.resolve("journal"));

            log.append(Students.record("p-1", "ana", null, Instant.now(), null));

            assertEquals(1, log.status().pendingRecords());
            assertTrue(log.status().journalBytes() > 0);
            assertFalse(log.status().storeReachable());
            ComponentHealth health = log.health();
            assertEquals(ComponentHealth.Status.DEGRADED, health.status());
            assertEquals(1L, health.details().get("pending_records"));
            log.close(Duration.ZERO);
        }
    }

    @Test
    void ourTimeoutsApplyUnlessTheUriSetsItsOwn() {
        MongoClientSettings ours = MongoStores.settings(new ConnectionString(NOBODY), MongoStores.Timeouts.DEFAULT);
        MongoClientSettings theirs = MongoStores.settings(
                new ConnectionString(NOBODY + "/?serverSelectionTimeoutMS=1234&connectTimeoutMS=567"),
                MongoStores.Timeouts.DEFAULT);

        assertEquals(3000, ours.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(2000, ours.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
        assertEquals(15000, ours.getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS));
        assertEquals(1234, theirs.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(567, theirs.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
    }

    @Test
    void openingTheLogWaitsForNothingWhenMongoIsDown() {
        // The driver told to wait for a server for ever: anything that waited for MongoDB would
        // never return. The deadline only turns such a hang into a failure; nothing is timed.
        MongoStores.Timeouts waitForever = new MongoStores.Timeouts(Duration.ofMillis(-1),
                TestMongo.FAST.connect(), TestMongo.FAST.read(), TestMongo.FAST.heartbeat());
        try (MongoStores stores = MongoStores.connect(NOBODY, null, waitForever)) {
            MongoPredictionLog log = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                MongoPredictionLog opened = stores.openPredictionLog(data.resolve("journal"));
                opened.append(Students.record("p-1", "ana", null, Instant.now(), null));
                return opened;
            }, "opening the log or appending to it waited for MongoDB");

            assertEquals(1, log.status().pendingRecords(), "the record waits in the journal");
            assertFalse(log.status().storeReachable());
            log.close(Duration.ZERO);
        }
    }

    @Test
    void thePredictionLogOpensOnce() {
        try (MongoStores stores = MongoStores.connect(NOBODY, null, TestMongo.FAST)) {
            stores.openPredictionLog(data.resolve("journal"));

            assertThrows(IllegalStateException.class, () -> stores.openPredictionLog(data.resolve("other")));
        }
    }
}
