package org.magicsteps.mongo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.port.PortException;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClients;

/**
 * The entry point of this module: one connection to MongoDB and the three adapters on it.
 *
 * <pre>{@code
 * MongoStores stores = MongoStores.connect(mongoUri, mongoDb);      // MONGO_URI, MONGO_DB
 * UserStore users = stores.users();
 * SettingsStore settings = stores.settings();
 * MongoPredictionLog log = stores.openPredictionLog(dataDir.resolve("journal"));
 * ...
 * stores.close(); // on shutdown: drains the log for up to 5 s, the rest stays in the journal
 * }</pre>
 *
 * <p>Nothing here waits for the network: a server that starts while MongoDB is down serves
 * predictions (their records wait in the journal), and each store creates its indexes before its
 * first write.
 */
public final class MongoStores implements AutoCloseable {

    /** The database used when neither the caller nor the URI names one, as in the original service. */
    public static final String DEFAULT_DATABASE = "magic_steps";
    /** Segments of the prediction journal are closed, and deleted once written, at this size. */
    static final long JOURNAL_SEGMENT_BYTES = 1 << 20;

    private final Connection connection;
    private final WriteConcern logWriteConcern;
    private final MongoUserStore users;
    private final MongoSettingsStore settings;
    private MongoPredictionLog predictionLog;

    /** How long the driver waits before an operation fails; short, so that callers hear soon. */
    record Timeouts(Duration serverSelection, Duration connect, Duration read, Duration heartbeat) {
        static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(15), Duration.ofSeconds(2));
    }

    private MongoStores(Connection connection, WriteConcern logWriteConcern) {
        this.connection = connection;
        this.logWriteConcern = logWriteConcern;
        this.users = new MongoUserStore(connection);
        this.settings = new MongoSettingsStore(connection);
    }

    /**
     * Connects to the MongoDB server of {@code uri} (without waiting for it to answer).
     *
     * @param uri a MongoDB connection string, such as {@code mongodb://db:27017}; its options
     *     (timeouts, write concern, TLS, credentials) are honoured
     * @param database the database; when {@code null} or blank, the URI's, else {@value #DEFAULT_DATABASE}
     * @throws IllegalArgumentException when {@code uri} is not a MongoDB connection string (the
     *     message never repeats its credentials)
     */
    public static MongoStores connect(String uri, String database) {
        return connect(uri, database, Timeouts.DEFAULT);
    }

    static MongoStores connect(String uri, String database, Timeouts timeouts) {
        ConnectionString connectionString = parse(uri);
        String name = database != null && !database.isBlank() ? database
                : connectionString.getDatabase() != null ? connectionString.getDatabase() : DEFAULT_DATABASE;
        String description = (connectionString.isSrvProtocol() ? "mongodb+srv://" : "mongodb://")
                + String.join(",", connectionString.getHosts()) + "/" + name;
        // The log forgets a record once MongoDB acknowledges it, so by default it asks for an
        // acknowledgement that survives a failover and a crash; the URI may say otherwise.
        WriteConcern logWriteConcern = connectionString.getWriteConcern() != null
                ? connectionString.getWriteConcern() : WriteConcern.MAJORITY.withJournal(true);
        return new MongoStores(new Connection(MongoClients.create(settings(connectionString, timeouts)), name,
                description), logWriteConcern);
    }

    public MongoUserStore users() {
        return users;
    }

    public MongoSettingsStore settings() {
        return settings;
    }

    /**
     * Opens the prediction log, with its journal in {@code journalDirectory} (created if needed)
     * forced to disk on every append; records an earlier process left there are written first.
     *
     * @throws PortException when the journal cannot be opened, or another process uses it
     * @throws IllegalStateException when the log is already open
     */
    public MongoPredictionLog openPredictionLog(Path journalDirectory) {
        return openPredictionLog(journalDirectory, JournalSync.ON_APPEND);
    }

    /**
     * Opens the prediction log with a choice of when its journal is forced to disk.
     *
     * @throws PortException when the journal cannot be opened, or another process uses it
     * @throws IllegalStateException when the log is already open
     */
    public MongoPredictionLog openPredictionLog(Path journalDirectory, JournalSync sync) {
        return openPredictionLog(journalDirectory, sync, JournalDrain.BATCH_RECORDS);
    }

    synchronized MongoPredictionLog openPredictionLog(Path journalDirectory, JournalSync sync, int batchRecords) {
        if (predictionLog != null) {
            throw new IllegalStateException("the prediction log is already open");
        }
        Journal journal = Journal.open(journalDirectory.toAbsolutePath().normalize(), sync, JOURNAL_SEGMENT_BYTES);
        predictionLog = new MongoPredictionLog(connection, journal, logWriteConcern, batchRecords);
        return predictionLog;
    }

    /**
     * What the stores are, for the start-up banner, such as {@code mongodb://db:27017/magic_steps};
     * never a credential.
     */
    public String description() {
        return connection.description();
    }

    /**
     * Closes the prediction log (draining it for up to {@link MongoPredictionLog#DEFAULT_CLOSE_FLUSH};
     * the rest stays in the journal) and the connection.
     */
    @Override
    public synchronized void close() {
        try {
            if (predictionLog != null) {
                predictionLog.close();
            }
        } finally {
            connection.close();
        }
    }

    private static ConnectionString parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("MONGO_URI: is required but missing");
        }
        try {
            return new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MONGO_URI: is not a MongoDB connection string ("
                    + redact(e.getMessage(), uri) + ")");
        }
    }

    /** Removes the user-info part of {@code uri} (user and password) wherever {@code text} repeats it. */
    static String redact(String text, String uri) {
        if (text == null) {
            return "invalid";
        }
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme >= 0 && at > scheme + 3) {
            String userInfo = uri.substring(scheme + 3, at);
            return text.replace(userInfo, "***");
        }
        return text;
    }

    static MongoClientSettings settings(ConnectionString connectionString, Timeouts timeouts) {
        // Our defaults first, so that whatever the URI sets wins.
        return MongoClientSettings.builder()
                .applyToClusterSettings(b -> b.serverSelectionTimeout(timeouts.serverSelection().toMillis(),
                        TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout((int) timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout((int) timeouts.read().toMillis(), TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b.heartbeatFrequency(timeouts.heartbeat().toMillis(), TimeUnit.MILLISECONDS))
                .applyConnectionString(connectionString)
                .build();
    }
}
