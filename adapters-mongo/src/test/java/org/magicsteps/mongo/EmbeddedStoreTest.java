package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.testing.Students;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

class EmbeddedStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    @TempDir
    Path data;

    static User user(String name) {
        return new User(name, "", Role.USER, new PasswordHash("$h$"), false, T0);
    }

    @Test
    void usersSettingsAndTheLogSurviveARestart() {
        ThresholdSetting setting = new ThresholdSetting(new Threshold(0.42), T0, "ana", "1.0.0");
        try (MongoStores stores = MongoStores.embedded(data.resolve("mongo"))) {
            stores.users().add(user("ana"));
            stores.settings().saveThreshold(setting);
            MongoPredictionLog log = stores.openPredictionLog(data.resolve("journal"));
            log.append(Students.record("p-1", "ana", "RA-1", T0, null));
            assertTrue(log.flush(Duration.ofSeconds(5)));
        }

        try (MongoStores stores = MongoStores.embedded(data.resolve("mongo"))) {
            assertTrue(stores.ownsEmbeddedStore());
            assertEquals(Optional.of(user("ana")), stores.users().find("ana"));
            assertEquals(Optional.of(setting), stores.settings().threshold());
            MongoPredictionLog log = stores.openPredictionLog(data.resolve("journal"));
            assertEquals("p-1", log.query(LogQuery.all()).records().get(0).predictionId());
        }
    }

    @Test
    void aSecondOpenerAttachesToTheStoreTheFirstRuns() {
        try (MongoStores owner = MongoStores.embedded(data.resolve("mongo"));
                MongoStores second = MongoStores.embedded(data.resolve("mongo"))) {
            assertTrue(owner.ownsEmbeddedStore());
            assertFalse(second.ownsEmbeddedStore());
            assertTrue(second.description().contains("served by process " + ProcessHandle.current().pid()),
                    second.description());

            assertTrue(second.users().add(user("bia")));

            assertEquals(Optional.of(user("bia")), owner.users().find("bia"));
        }
    }

    @Test
    void theNextOpenerTakesOverWhenTheOwnerStops() {
        MongoStores.embedded(data.resolve("mongo")).close();

        try (MongoStores next = MongoStores.embedded(data.resolve("mongo"))) {
            assertTrue(next.ownsEmbeddedStore());
            assertFalse(Files.exists(data.resolve("mongo").resolve("owner.port.tmp")));
        }
    }

    @Test
    void anAcknowledgedWriteIsInTheFileAtOnce() throws Exception {
        Path dir = data.resolve("mongo");
        try (MongoStores stores = MongoStores.embedded(dir)) {
            stores.users().add(user("carla"));

            // A copy of the file as it is now, as a crash would leave it (the owner never closes).
            Path copy = data.resolve("copy.mv.db");
            Files.copy(dir.resolve(EmbeddedMongo.STORE_FILE), copy);
            MongoServer server = new MongoServer(new H2Backend(copy.toString()));
            try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
                Document found = client.getDatabase(MongoStores.DEFAULT_DATABASE).getCollection("users")
                        .find(new Document("username", "carla")).first();
                assertTrue(found != null, "the user is in the file without waiting for H2's background commit");
            } finally {
                server.shutdownNow();
            }
        }
    }
}
