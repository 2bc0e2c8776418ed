package org.magicsteps.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import org.magicsteps.core.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of this module: one SQLite file holding users, the prediction log and settings,
 * and the three adapters on it.
 *
 * <pre>{@code
 * SqliteStores stores = SqliteStores.open(dataDir.resolve(SqliteStores.DEFAULT_FILE_NAME));
 * log.info("users, settings and the prediction log: {}", stores.description());
 * UserStore users = stores.users();
 * SettingsStore settings = stores.settings();
 * PredictionLog predictionLog = stores.predictionLog();
 * ...
 * stores.close(); // on shutdown, after the last request
 * }</pre>
 *
 * <p>Several processes may open the same file at once (a server and {@code magic-steps users
 * add}, or two servers on one machine): each sees the others' commits on its next read, and a
 * write waits up to 10 s for another process's write to end. The file must be on a local disk
 * (SQLite's write-ahead log needs shared memory between the processes).
 */
public final class SqliteStores implements AutoCloseable {

    /** The file name the server uses inside its data directory. */
    public static final String DEFAULT_FILE_NAME = "magic-steps.db";
    private static final Logger LOG = LoggerFactory.getLogger(SqliteStores.class);

    private final Database database;
    private final SqliteUserStore users;
    private final SqliteSettingsStore settings;
    private final SqlitePredictionLog predictionLog;

    private SqliteStores(Database database) {
        this.database = database;
        this.users = new SqliteUserStore(database);
        this.settings = new SqliteSettingsStore(database);
        this.predictionLog = new SqlitePredictionLog(database);
    }

    /**
     * Opens the store in {@code file}, creating the file, its directories and its tables when
     * needed. Every commit is forced to disk before it returns.
     *
     * @throws IllegalArgumentException when {@code file} is a directory, or its path holds a '?'
     * @throws PortException when the file cannot be created or opened, is not a SQLite database, is
     *     another application's database, or was written by a newer version of Magic Steps; the
     *     message names the file and the problem
     */
    public static SqliteStores open(Path file) {
        return open(file, Durability.FULL);
    }

    static SqliteStores open(Path file, Durability durability) {
        return open(SqliteFile.at(file, durability));
    }

    static SqliteStores open(SqliteFile sqlite) {
        Connection connection = null;
        try {
            connection = sqlite.connect(false);
            Dictionaries dictionaries = new Dictionaries();
            if (Schema.ensure(connection, sqlite, dictionaries)) {
                LOG.info("{}: the schema is version {} now", sqlite, Schema.VERSION);
            }
            SingleWriter writer = SingleWriter.start(sqlite, connection, dictionaries);
            return new SqliteStores(new Database(sqlite, writer, new Readers(sqlite), dictionaries));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Failures.wrap(sqlite, "opening", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The open failed already; that is the error to report.
            }
        }
    }

    public SqliteUserStore users() {
        return users;
    }

    public SqliteSettingsStore settings() {
        return settings;
    }

    public SqlitePredictionLog predictionLog() {
        return predictionLog;
    }

    /**
     * What the store is, for the start-up banner: {@code SQLite file /srv/data/magic-steps.db
     * (persistent, WAL, synchronous=FULL)}.
     */
    public String description() {
        SqliteFile file = database.file();
        return "SQLite file " + file.path() + " (persistent, WAL, synchronous=" + file.durability() + ")";
    }

    /**
     * Lets the changes already queued be committed (waiting up to 10 s), then closes the file.
     * Further calls on the adapters fail with {@link PortException}.
     */
    @Override
    public void close() {
        database.close();
    }

    /** The writer, for tests that watch how appends are grouped. */
    SingleWriter writer() {
        return database.writer();
    }
}
