package org.magicsteps.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.magicsteps.core.port.PortException;
import org.sqlite.SQLiteConfig;

/** The database file, and how every connection to it is set up. */
final class SqliteFile {

    /**
     * How long a write waits for another process's write to end before it fails. The other
     * process is {@code magic-steps users add} or another server on the same file; their
     * transactions last milliseconds, so reaching this means something is stuck.
     */
    static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(10);
    /** The WAL is truncated to this size after a checkpoint, so one burst does not keep it large. */
    private static final int JOURNAL_SIZE_LIMIT_BYTES = 64 << 20;

    private final Path path;
    private final Durability durability;
    private final Duration busyTimeout;

    private SqliteFile(Path path, Durability durability, Duration busyTimeout) {
        this.path = path;
        this.durability = durability;
        this.busyTimeout = busyTimeout;
    }

    /** The file with the default busy timeout; see {@link #at(Path, Durability, Duration)}. */
    static SqliteFile at(Path file, Durability durability) {
        return at(file, durability, DEFAULT_BUSY_TIMEOUT);
    }

    /**
     * @throws IllegalArgumentException when {@code file} cannot name a database for the driver
     * @throws PortException when its directory cannot be created
     */
    static SqliteFile at(Path file, Durability durability, Duration busyTimeout) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.toString().contains("?")) {
            // The driver reads what follows a '?' in its URL as connection options.
            throw new IllegalArgumentException("SQLite store " + absolute + ": the path must not contain '?'");
        }
        if (Files.isDirectory(absolute)) {
            throw new IllegalArgumentException("SQLite store " + absolute + ": is a directory, not a database file");
        }
        Path directory = absolute.getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new PortException("SQLite store " + absolute + ": cannot create the directory " + directory
                    + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        return new SqliteFile(absolute, durability, busyTimeout);
    }

    Path path() {
        return path;
    }

    Durability durability() {
        return durability;
    }

    Duration busyTimeout() {
        return busyTimeout;
    }

    /**
     * A connection with the store's settings; {@code readOnly} ones refuse to write. WAL mode is not
     * set here: it is a property of the file, set by {@link Schema#ensure} once the file is known
     * to be ours.
     */
    Connection connect(boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(durability == Durability.FULL
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.setJournalSizeLimit(JOURNAL_SIZE_LIMIT_BYTES);
        // Nothing here asks for generated keys; left on, the driver matches every INSERT against a
        // regular expression and runs "SELECT last_insert_rowid()" on a new statement after it:
        // measured, a fifth of the writer thread's time on /predict/batch.
        config.setGetGeneratedKeys(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + path);
        if (readOnly) {
            // query_only rather than a read-only open: a read-only connection cannot create the
            // WAL index when it is the first to open the file.
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = true");
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    /** The size of the database file and of its write-ahead log, in bytes (0 for a missing one). */
    Sizes sizes() {
        return new Sizes(sizeOf(path), sizeOf(Path.of(path + "-wal")));
    }

    record Sizes(long databaseBytes, long walBytes) {
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@code sqlite:<absolute path>}, as health reports name the store. */
    String implementation() {
        return "sqlite:" + path;
    }

    @Override
    public String toString() {
        return "SQLite store " + path;
    }
}
