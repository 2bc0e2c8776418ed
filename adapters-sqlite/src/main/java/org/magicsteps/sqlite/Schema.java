package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.magicsteps.core.port.PortException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The tables and indexes, created when a file is opened for the first time. The file's header
 * carries an application id (so that we never write into somebody else's database) and the schema
 * version in {@code user_version} (so that a later version can migrate, and an older one refuses a
 * file it cannot read).
 */
final class Schema {

    /** The schema this code reads and writes. */
    static final int VERSION = 2;
    /** "MgSt": marks a file as ours. */
    static final int APPLICATION_ID = 0x4D675374;
    private static final long RETRY_PAUSE_MILLIS = 10;

    /**
     * Timestamps are epoch milliseconds (the domain keeps millisecond precision); text compares by
     * its UTF-8 bytes (SQLite's BINARY collation, as MongoDB does; for our ASCII ids the same order
     * as Java's). A prediction record takes about 250 bytes with its indexes (see the README for
     * where each byte goes): ids of the UUID kind as their 16 bytes ({@link StoredIds}), the feature
     * names and the model version stored once and pointed to, the feature values as a JSON array
     * ({@link FeatureJson}). The log's indexes end in the timestamp: a page walks one of them in
     * time order, and only records sharing a millisecond are sorted by id. A student's records are
     * found through a chain rather than an index ({@link StudentChains}): an index on the student
     * would take one random page write per record, which cost three times the rest of the append.
     */
    private static final List<String> PREDICTIONS = List.of("""
            CREATE TABLE model_versions (
                id      INTEGER PRIMARY KEY,
                version TEXT    NOT NULL UNIQUE
            )""", """
            CREATE TABLE feature_layouts (
                id    INTEGER PRIMARY KEY,
                names TEXT    NOT NULL UNIQUE
            )""", """
            CREATE TABLE predictions (
                seq           INTEGER PRIMARY KEY,
                prediction_id BLOB    NOT NULL UNIQUE,
                timestamp     INTEGER NOT NULL,
                user          TEXT    NOT NULL,
                student_id    TEXT,
                layout        INTEGER NOT NULL REFERENCES feature_layouts (id),
                features      TEXT    NOT NULL,
                probability   REAL    NOT NULL,
                prediction    INTEGER NOT NULL CHECK (prediction IN (0, 1)),
                confidence    TEXT    NOT NULL,
                threshold     REAL    NOT NULL,
                model         INTEGER NOT NULL REFERENCES model_versions (id),
                batch_id      BLOB,
                student_prev  INTEGER
            )""", """
            CREATE TABLE student_heads (
                student_id TEXT    NOT NULL PRIMARY KEY,
                head       INTEGER NOT NULL
            ) WITHOUT ROWID""");

    /** Created after the rows, when a file of schema 1 is migrated, so that each is built in one pass. */
    static final List<String> PREDICTION_INDEXES = List.of(
            "CREATE INDEX predictions_time ON predictions (timestamp)",
            "CREATE INDEX predictions_user_time ON predictions (user, timestamp)");

    /**
     * The log as people read it with the {@code sqlite3} tool: ids as text, the time as ISO-8601,
     * the model version, and the features as one JSON object again
     * ({@code json_extract(features, '$.fase')}).
     */
    private static final String RECORDS_VIEW = "CREATE VIEW prediction_records AS SELECT "
            + StoredIds.textSql("p.prediction_id") + " AS prediction_id,"
            + " strftime('%Y-%m-%dT%H:%M:%fZ', p.timestamp / 1000.0, 'unixepoch') AS time, p.timestamp, p.user,"
            + " p.student_id, (SELECT json_group_object(n.value, v.value) FROM json_each(l.names) AS n"
            + " JOIN json_each(p.features) AS v ON v.key = n.key) AS features, p.probability, p.prediction,"
            + " p.confidence, p.threshold, m.version AS model_version, " + StoredIds.textSql("p.batch_id")
            + " AS batch_id FROM predictions AS p JOIN feature_layouts AS l ON l.id = p.layout"
            + " JOIN model_versions AS m ON m.id = p.model";

    private static final List<String> USERS_AND_SETTINGS = List.of("""
            CREATE TABLE users (
                username      TEXT    NOT NULL PRIMARY KEY,
                full_name     TEXT    NOT NULL,
                role          TEXT    NOT NULL CHECK (role IN ('user', 'admin')),
                password_hash TEXT    NOT NULL,
                disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
                created_at    INTEGER NOT NULL
            ) WITHOUT ROWID""", """
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
     * none, or migrates a file of schema 1 (in one transaction: a crash leaves it at schema 1). Nothing is written to a file that is not ours. Safe when several processes open a new
     * file at once: the creation re-checks inside one write transaction.
     *
     * @return whether the schema was created or migrated now
     * @throws PortException when the file is another application's database, or was written by a
     *     newer version of ours, or cannot use WAL mode
     */
    static boolean ensure(Connection connection, SqliteFile file, Dictionaries dictionaries) throws SQLException {
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
                boolean changed = createOrMigrate(connection, statement, file, dictionaries);
                statement.execute("COMMIT");
                dictionaries.committed();
                return changed;
            } catch (SQLException | RuntimeException e) {
                dictionaries.rolledBack();
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
                if (Failures.primary(e.getResultCode()) != SQLiteErrorCode.SQLITE_BUSY || System.nanoTime() > deadline) {
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

    /** Creates the schema or migrates schema 1, unless another process did since we looked. */
    private static boolean createOrMigrate(Connection connection, Statement statement, SqliteFile file,
            Dictionaries dictionaries) throws SQLException {
        checkOwnership(statement, file);
        int version = number(statement, "PRAGMA user_version");
        if (version == VERSION) {
            return false;
        }
        if (version == 1) {
            MigrationFromVersion1.run(connection, statement, file, dictionaries);
        } else {
            for (String sql : USERS_AND_SETTINGS) {
                statement.execute(sql);
            }
            createPredictions(statement);
            for (String sql : PREDICTION_INDEXES) {
                statement.execute(sql);
            }
        }
        statement.execute("PRAGMA application_id = " + APPLICATION_ID);
        statement.execute("PRAGMA user_version = " + VERSION);
        return true;
    }

    /** The log's tables and its view, without the indexes. */
    static void createPredictions(Statement statement) throws SQLException {
        for (String sql : PREDICTIONS) {
            statement.execute(sql);
        }
        statement.execute(RECORDS_VIEW);
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
