package org.magicsteps.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.port.contract.UserStoreContract;

class MongoUserStoreTest extends UserStoreContract<MongoUserStore> {

    @RegisterExtension
    static final TestMongo mongo = new TestMongo();

    private String database;

    @Override
    protected MongoUserStore newStore() {
        database = TestMongo.newDatabaseName();
        return mongo.stores(database).users();
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
    protected Optional<MongoUserStore> failedStore() {
        return Optional.of(mongo.unreachable().users());
    }

    @Test
    void storesAUserWithTheDocumentedFields() {
        UserStore store = mongo.stores(database).users();
        store.add(new User("bia", "Bia Lima", Role.ADMIN, new PasswordHash("$hash$"), false,
                Instant.parse("2026-01-02T03:04:05.678Z")));

        Document doc = mongo.collection(database, "users").find().first();

        assertEquals("bia", doc.getString("username"));
        assertEquals("Bia Lima", doc.getString("full_name"));
        assertEquals("admin", doc.getString("role"));
        assertEquals("$hash$", doc.getString("password_hash"));
        assertEquals(false, doc.getBoolean("disabled"));
        assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), doc.getDate("created_at").toInstant());
    }

    @Test
    void theUsernameIndexIsUnique() {
        mongo.stores(database).users().add(new User("carla", "", Role.USER, new PasswordHash("h"), false, Instant.EPOCH));

        List<Document> indexes = mongo.collection(database, "users").listIndexes().into(new java.util.ArrayList<>());

        assertTrue(indexes.stream().anyMatch(i -> i.get("key", Document.class).containsKey("username")
                && Boolean.TRUE.equals(i.getBoolean("unique"))), indexes.toString());
    }

    @Test
    void isUpWhenTheServerAnswers() {
        MongoUserStore store = mongo.stores(database).users();
        store.find("anyone");

        ComponentHealth health = store.health();

        assertEquals(ComponentHealth.Status.UP, health.status());
        assertTrue(health.persistent());
        assertEquals(mongo.uri() + "/" + database, health.implementation());
    }
}
