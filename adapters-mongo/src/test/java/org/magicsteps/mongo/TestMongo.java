package org.magicsteps.mongo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.Document;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A mongo-java-server (memory backend) on a loopback port, for tests that talk to it over TCP
 * through the real driver; each {@link #stores()} gets a database of its own, so stores start empty.
 * As a JUnit extension ({@code @RegisterExtension static final TestMongo mongo = new TestMongo();})
 * it closes what each test opened after the test, and stops the server after the class.
 */
final class TestMongo implements AutoCloseable, AfterEachCallback, AfterAllCallback {

    /** Short, so that a test that stops the server hears about it soon. */
    static final MongoStores.Timeouts FAST = new MongoStores.Timeouts(Duration.ofMillis(500), Duration.ofMillis(300),
            Duration.ofSeconds(5), Duration.ofMillis(500));

    /** Nothing listens on the discard port of loopback. */
    static final String NOBODY = "mongodb://127.0.0.1:9";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final String uri;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private MongoClient inspector;

    TestMongo() {
        server = new MongoServer(new MemoryBackend());
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    String uri() {
        return uri;
    }

    static String newDatabaseName() {
        return "test_" + DATABASES.incrementAndGet();
    }

    /** Stores on a new, empty database. */
    MongoStores stores() {
        return stores(newDatabaseName());
    }

    /** Stores on {@code database}; another call with the same name is another replica. */
    synchronized MongoStores stores(String database) {
        MongoStores stores = MongoStores.connect(uri, database, FAST);
        opened.add(stores);
        return stores;
    }

    /** Stores on a server that is not there: nothing listens on loopback's discard port. */
    synchronized MongoStores unreachable() {
        MongoStores stores = MongoStores.connect(NOBODY, newDatabaseName(), FAST);
        opened.add(stores);
        return stores;
    }

    /** A log on a new database, with its journal in {@code journalDir}. */
    MongoPredictionLog log(Path journalDir) {
        return stores().openPredictionLog(journalDir);
    }

    /** Reads a collection directly, bypassing the adapters. */
    synchronized MongoCollection<Document> collection(String database, String name) {
        if (inspector == null) {
            inspector = MongoClients.create(uri);
        }
        return inspector.getDatabase(database).getCollection(name);
    }

    /** Closes what this test opened; the server stays up for the next test. */
    synchronized void closeStores() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // the next one still needs closing
            }
        }
        opened.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeStores();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public synchronized void close() {
        closeStores();
        if (inspector != null) {
            inspector.close();
        }
        server.shutdownNow();
    }
}
