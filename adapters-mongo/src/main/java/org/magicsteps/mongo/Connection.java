package org.magicsteps.mongo;

import java.util.Map;

import org.bson.Document;
import org.magicsteps.core.port.ComponentHealth;

import com.mongodb.ReadPreference;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

/**
 * One client and database, shared by the three stores. Reads go to the primary whatever the URI
 * says, so that a threshold or a user just written is read back by every replica.
 */
final class Connection implements AutoCloseable {

    private final MongoClient client;
    private final MongoDatabase database;
    private final String description;

    /**
     * @param description where it points, without credentials, e.g. {@code mongodb://db:27017/magic_steps}
     */
    Connection(MongoClient client, String databaseName, String description) {
        this.client = client;
        this.database = client.getDatabase(databaseName).withReadPreference(ReadPreference.primary());
        this.description = description;
    }

    MongoDatabase database() {
        return database;
    }

    MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    String description() {
        return description;
    }

    /** Whether the driver knows a server it can write to; never waits for the network. */
    boolean reachable() {
        return client.getClusterDescription().hasWritableServer();
    }

    /**
     * UP when a server takes writes; DOWN when the driver's last contact with every server failed;
     * DEGRADED while it is still connecting (the first moments after start).
     */
    ComponentHealth health() {
        ClusterDescription cluster = client.getClusterDescription();
        if (cluster.hasWritableServer()) {
            return ComponentHealth.up(description, true);
        }
        for (ServerDescription server : cluster.getServerDescriptions()) {
            if (server.getException() != null) {
                return new ComponentHealth(description, true, ComponentHealth.Status.DOWN,
                        Map.of("error", "MongoDB unreachable: " + server.getException().getMessage()));
            }
        }
        return new ComponentHealth(description, true, ComponentHealth.Status.DEGRADED,
                Map.of("error", "connecting to MongoDB"));
    }

    @Override
    public void close() {
        client.close();
    }
}
