package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

/** Schema 2's record: what is stored, what SQL still reads, and the migration of a schema-1 file. */
class RecordFormatTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123Z");

    /** Schema 1 as version 1 of this module created it. */
    private static final List<String> SCHEMA_1 = List.of("""
            CREATE TABLE users (username TEXT NOT NULL PRIMARY KEY, full_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('user', 'admin')), password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)), created_at INTEGER NOT NULL) WITHOUT ROWID""",
            """
            CREATE TABLE predictions (prediction_id TEXT NOT NULL UNIQUE, timestamp INTEGER NOT NULL,
                user TEXT NOT NULL, student_id TEXT, features TEXT NOT NULL, probability REAL NOT NULL,
                prediction INTEGER NOT NULL CHECK (prediction IN (0, 1)), confidence TEXT NOT NULL,
                threshold REAL NOT NULL, model_version TEXT NOT NULL, batch_id TEXT)""",
            "CREATE INDEX predictions_time ON predictions (timestamp DESC, prediction_id DESC)",
            "CREATE INDEX predictions_user_time ON predictions (user, timestamp DESC, prediction_id DESC)",
            "CREATE INDEX predictions_student_time ON predictions (student_id, timestamp DESC, prediction_id DESC)",
            """
            CREATE TABLE threshold_setting (id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1), threshold REAL NOT NULL,
                updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, model_version TEXT NOT NULL)""",
            """
            CREATE TABLE threshold_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, threshold REAL NOT NULL,
                updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, model_version TEXT NOT NULL)""",
            "PRAGMA application_id = 1298617204",
            "PRAGMA user_version = 1");

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void close() {
        stores.close();
    }

    private Path file() {
        return dir.resolve("store.db");
    }

    private Connection connect() throws Exception {
        return SqliteFile.at(file(), Durability.FULL).connect(false);
    }

    @Test
    void ourIdsAreSixteenBytesAndTheViewShowsEveryFieldAsBefore() throws Exception {
        String id = UUID.randomUUID().toString();
        String batch = UUID.randomUUID().toString();
        PredictionRecord record = Students.record(id, "ana", "RA-7", T0, batch);
        stores.open(file()).predictionLog().append(List.of(record, Students.record("p-2", "ana", null, T0, null)));

        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            try (ResultSet row = sql.executeQuery("SELECT typeof(prediction_id), length(prediction_id), typeof(batch_id)"
                    + " FROM predictions WHERE student_id = 'RA-7'")) {
                row.next();
                assertEquals("blob", row.getString(1));
                assertEquals(16, row.getInt(2));
                assertEquals("blob", row.getString(3));
            }
            try (ResultSet row = sql.executeQuery("SELECT prediction_id, time, user, student_id,"
                    + " json_extract(features, '$.fase'), json_extract(features, '$.genero'), model_version, batch_id,"
                    + " confidence FROM prediction_records WHERE prediction_id = '" + id + "'")) {
                assertTrue(row.next());
                assertEquals(id, row.getString(1));
                assertEquals("2026-03-01T12:00:00.123Z", row.getString(2));
                assertEquals("ana", row.getString(3));
                assertEquals("RA-7", row.getString(4));
                assertEquals(record.features().number("fase").getAsDouble(), row.getDouble(5));
                assertEquals(record.features().category("genero").orElseThrow(), row.getString(6));
                assertEquals(record.prediction().modelVersion(), row.getString(7));
                assertEquals(batch, row.getString(8));
                assertEquals(record.prediction().confidence().label(), row.getString(9));
            }
            try (ResultSet row = sql.executeQuery("SELECT count(*) FROM prediction_records WHERE prediction_id = 'p-2'"
                    + " AND batch_id IS NULL AND student_id IS NULL")) {
                row.next();
                assertEquals(1, row.getInt(1));
            }
            try (ResultSet row = sql.executeQuery("SELECT count(*) FROM feature_layouts")) {
                row.next();
                assertEquals(1, row.getInt(1), "both records share one layout");
            }
        }
    }

    @Test
    void tiesAreOrderedByTheIdsTextWhateverKindEachIdIs() {
        // "f…" sorts before "p…" as text; as bytes, 0xff… would sort after "p".
        String uuid = "ffffffff-0000-7000-8000-000000000000";
        String low = "00000000-0000-7000-8000-000000000000";
        var log = stores.open(file()).predictionLog();
        log.append(List.of(Students.record(uuid, "ana", null, T0, null), Students.record("p-1", "ana", null, T0, null),
                Students.record(low, "ana", null, T0, null), Students.record("a", "ana", null, T0, null)));

        assertEquals(List.of("p-1", uuid, "a", low), log.query(LogQuery.all()).records().stream()
                .map(PredictionRecord::predictionId).toList());
        var firstTwo = log.query(LogQuery.all().limit(2));
        assertEquals(List.of("a", low), log.query(LogQuery.all().after(firstTwo.next())).records().stream()
                .map(PredictionRecord::predictionId).toList());
    }

    @Test
    void aLayoutAddedByATransactionThatRolledBackIsAddedAgain() throws Exception {
        SqliteStores store = stores.open(file());
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            sql.execute("CREATE TRIGGER refuse_bad BEFORE INSERT ON predictions WHEN NEW.prediction_id LIKE 'bad%'"
                    + " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        }
        assertThrows(PortException.class, () -> store.predictionLog().append(Students.record("bad", "ana", null, T0, null)));

        PredictionRecord good = Students.record("good", "ana", "RA-1", T0, null);
        store.predictionLog().append(good);

        assertEquals(List.of(good), stores.open(file()).predictionLog().query(LogQuery.all()).records());
    }

    @Test
    void aSchemaOneFileIsMigratedWithEveryRecordUserAndSetting() throws Exception {
        String uuid = UUID.randomUUID().toString();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            for (String statement : SCHEMA_1) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO users VALUES ('ana', 'Ana', 'admin', 'pbkdf2$x', 0, 1000)");
            sql.execute("INSERT INTO threshold_setting VALUES (1, 0.42, 2000, 'ana', '2.1.0')");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO predictions VALUES (?, ?, 'ana', ?, ?, 0.75, 1, 'média', 0.5, '2.1.0', ?)")) {
                Object[][] rows = {
                    {uuid, T0.toEpochMilli(), "RA-1", "{\"fase\":3.0,\"score_inde\":7.25,\"genero\":\"menina\"}", uuid},
                    {"p-legacy", T0.toEpochMilli() + 1, null, "{\"genero\":\"menino\",\"fase\":1.0}", null}};
                for (Object[] row : rows) {
                    insert.setString(1, (String) row[0]);
                    insert.setLong(2, (Long) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.setString(4, (String) row[3]);
                    insert.setString(5, (String) row[4]);
                    insert.executeUpdate();
                }
            }
        }

        SqliteStores store = stores.open(file());

        List<PredictionRecord> records = store.predictionLog().query(LogQuery.all()).records();
        assertEquals(List.of("p-legacy", uuid), records.stream().map(PredictionRecord::predictionId).toList());
        PredictionRecord migrated = records.get(1);
        assertEquals(List.of("fase", "score_inde", "genero"), new ArrayList<>(migrated.features().values().keySet()));
        assertEquals(7.25, migrated.features().number("score_inde").getAsDouble());
        assertEquals(uuid, migrated.batchId());
        assertEquals("RA-1", migrated.prediction().studentId());
        assertEquals("2.1.0", migrated.prediction().modelVersion());
        assertEquals(List.of("genero", "fase"), new ArrayList<>(records.get(0).features().values().keySet()));
        assertEquals(List.of(uuid), store.predictionLog().query(LogQuery.all().forStudent("RA-1")).records().stream()
                .map(PredictionRecord::predictionId).toList());
        assertEquals("Ana", store.users().find("ana").orElseThrow().fullName());
        assertEquals(0.42, store.settings().threshold().orElseThrow().threshold().value());
        try (Connection connection = connect(); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            version.next();
            assertEquals(Schema.VERSION, version.getInt(1));
        }
        store.predictionLog().append(Students.record("after", "ana", null, T0.plusSeconds(1), null));
        assertEquals(3, store.predictionLog().query(LogQuery.all()).records().size());
    }

    @Test
    void aSchemaOneRecordThatCannotBeReadLeavesTheFileAtSchemaOne() throws Exception {
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            for (String statement : SCHEMA_1) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO predictions VALUES ('p-1', 1, 'ana', NULL, '[1,2]', 0.75, 1, 'média', 0.5, '1', NULL)");
        }

        PortException e = assertThrows(PortException.class, () -> stores.open(file()));

        assertTrue(e.getMessage().contains("'p-1'") && e.getMessage().contains("left at schema 1"), e.getMessage());
        try (Connection connection = connect(); Statement sql = connection.createStatement();
                ResultSet version = sql.executeQuery("PRAGMA user_version")) {
            version.next();
            assertEquals(1, version.getInt(1));
        }
    }
}
