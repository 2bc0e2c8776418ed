package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.magicsteps.core.port.PortException;
import org.sqlite.SQLiteException;

/**
 * The tables and indexes, created when a file is opened for the first time. The file's header
 * carries an application id (so that we never write into somebody else's database) and the schema
 * version in {@code user_version} (so that a later version can migrate, and an older one refuses a
 * file it cannot read).
 */
final class Schema {

    /** The schema this code reads and writes. */
    static final int VERSION = 1;
    /** "MgSt": marks a file as ours. */
    static final int APPLICATION_ID = 0x4D675374;
    private static final int BUSY = 5;
    private static final long RETRY_PAUSE_MILLIS = 10;

    /**
     * Timestamps are epoch milliseconds (the domain keeps millisecond precision); text compares by
     * its UTF-8 bytes (SQLite's BINARY collation, as MongoDB does; for our ASCII ids the same order
     * as Java's). Each log index ends in the log's order, newest first with the prediction id
     * breaking ties, so that a page is read in index order and never sorted.
     */
    private static final List<String> VERSION_1 = List.of("""
            CREATE TABLE users (
                username      TEXT    NOT NULL PRIMARY KEY,
                full_name     TEXT    NOT NULL,
                role          TEXT    NOT NULL CHECK (role IN ('user', 'admin')),
                password_hash TEXT    NOT NULL,
                disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
                created_at    INTEGER NOT NULL
            ) WITHOUT ROWID""", """
            CREATE TABLE predictions (
                prediction_id TEXT    NOT NULL UNIQUE,
                timestamp     INTEGER NOT NULL,
                user          TEXT    NOT NULL,
                student_id    TEXT,
                features      TEXT    NOT NULL,
                probability   REAL    NOT NULL,
                prediction    INTEGER NOT NULL CHECK (prediction IN (0, 1)),
                confidence    TEXT    NOT NULL,
                threshold     REAL    NOT NULL,
                model_version TEXT    NOT NULL,
                batch_id      TEXT
            )""",
            "CREATE INDEX predictions_time ON predictions (timestamp DESC, prediction_id DESC)",
            "CREATE INDEX predictions_user_time ON predictions (user, timestamp DESC, prediction_id DESC)",
            "CREATE INDEX predictions_student_time ON predictions (student_id, timestamp DESC, prediction_id DESC)",
            """
            CREATE TABLE threshold_setting (
                id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                threshold     REAL    NOT NULL,
                updated_at    INTEGER NOT NULL,
                updated_by    TEXT    NOT NULL,
                model_version TEXT    NOT NULL
            )""", """
            CREATE TABLE threshold_history (
                seq           INTEGER PRIMARY KEY AUTOINCREMENT,
                threshold     REAL    NOT NULL,
                updated_at    INTEGER NOT NULL,
                updated_by    TEXT    NOT NULL,
                model_version TEXT    NOT NULL
            )""");

    private Schema() {
    }

    /**
     * Checks that the file is ours (or new), puts it in WAL mode, and creates the schema if it has
     * none. Nothing is written to a file that is not ours. Safe when several processes open a new
     * file at once: the creation re-checks inside one write transaction.
     *
     * @return whether the schema was created now
     * @throws PortException when the file is another application's database, or was written by a
     *     newer version of ours, or cannot use WAL mode
     */
    static boolean ensure(Connection connection, SqliteFile file) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            checkOwnership(statement, file);
            String mode = switchToWal(statement, file);
            if (!"wal".equalsIgnoreCase(mode)) {
                throw new PortException(file + ": cannot use write-ahead logging (journal mode stays '" + mode
                        + "'); put the file on a local disk");
            }
            if (number(statement, "PRAGMA user_version") == VERSION) {
                // The usual case; needs no write lock, so opening never waits for another process's writes.
                return false;
            }
            statement.execute("BEGIN IMMEDIATE");
            try {
                boolean created = create(statement, file);
                statement.execute("COMMIT");
                return created;
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    /**
     * Puts the file in WAL mode, which stays with the file. On a new file opened by several
     * processes at once, SQLite refuses the switch to all but one at once, without waiting (to
     * avoid a deadlock between them), so a refusal is tried again within the busy timeout.
     */
    private static String switchToWal(Statement statement, SqliteFile file) throws SQLException {
        String mode = text(statement, "PRAGMA journal_mode");
        long deadline = System.nanoTime() + file.busyTimeout().toNanos();
        while (!"wal".equalsIgnoreCase(mode)) {
            try {
                mode = text(statement, "PRAGMA journal_mode = WAL");
                if (!"wal".equalsIgnoreCase(mode)) {
                    return mode;
                }
            } catch (SQLiteException e) {
                if ((e.getResultCode().code & 0xff) != BUSY || System.nanoTime() > deadline) {
                    throw e;
                }
                pause(e);
            }
        }
        return mode;
    }

    private static void pause(SQLiteException busy) throws SQLiteException {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy;
        }
    }

    /** Refuses a file that is another application's, or that a newer version of ours wrote. */
    private static void checkOwnership(Statement statement, SqliteFile file) throws SQLException {
        // One statement, so one snapshot: read apart, another process creating the schema in
        // between would make a new file look like somebody else's.
        try (ResultSet header = statement.executeQuery("SELECT (SELECT application_id FROM pragma_application_id),"
                + " (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)")) {
            header.next();
            int applicationId = header.getInt(1);
            int version = header.getInt(2);
            int objects = header.getInt(3);
            if (applicationId != APPLICATION_ID && (applicationId != 0 || version != 0 || objects > 0)) {
                throw new PortException(file + ": is another application's SQLite database (application id "
                        + applicationId + ", " + objects + " schema objects); refusing to write into it."
                        + " Point the store at a new file.");
            }
            if (version > VERSION) {
                throw new PortException(file + ": was written by a newer version of Magic Steps (schema " + version
                        + "; this version knows schema " + VERSION + " at most). Upgrade, or use another file.");
            }
        }
    }

    /** Creates the schema, unless another process did since we looked. */
    private static boolean create(Statement statement, SqliteFile file) throws SQLException {
        checkOwnership(statement, file);
        if (number(statement, "PRAGMA user_version") == VERSION) {
            return false;
        }
        for (String sql : VERSION_1) {
            statement.execute(sql);
        }
        statement.execute("PRAGMA application_id = " + APPLICATION_ID);
        statement.execute("PRAGMA user_version = " + VERSION);
        return true;
    }

    static int number(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }
}
