package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

class SqliteStoresTest {

    private static final Instant T0 = Instant.parse("2026-04-01T09:30:00.123Z");

    @TempDir
    Path dir;

    private final OpenStores stores = new OpenStores();

    @AfterEach
    void closeStores() {
        stores.close();
    }

    private static User user(String name) {
        return new User(name, "Ana Souza", Role.ADMIN, new PasswordHash("$pbkdf2$x"), false, T0);
    }

    private static int pragma(Path file, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            return Schema.number(statement, "PRAGMA " + name);
        }
    }

    private static String text(Path file, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    private static void sql(Path file, String... statements) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void reopeningTheFileKeepsUsersTheLogAndSettings() {
        Path file = dir.resolve("data/magic-steps.db");
        User ana = user("ana");
        PredictionRecord record = Students.record("p-1", "ana", "RA-1", T0, "b-1");
        ThresholdSetting setting = new ThresholdSetting(new Threshold(0.42), T0, "ana", "2.0.0");
        try (SqliteStores first = SqliteStores.open(file)) {
            first.users().add(ana);
            first.predictionLog().append(record);
            first.settings().saveThreshold(setting);
        }

        SqliteStores again = stores.open(file);

        assertEquals(Optional.of(ana), again.users().find("ana"));
        assertEquals(List.of(record), again.predictionLog().query(LogQuery.all()).records());
        assertEquals(Optional.of(setting), again.settings().threshold());
        assertEquals(List.of(setting), again.settings().thresholdHistory(10));
    }

    @Test
    void aNewFileGetsItsDirectoriesTheSchemaVersionAndOurMark() throws Exception {
        Path file = dir.resolve("a/b/c/store.db");

        stores.open(file).close();

        assertTrue(Files.isRegularFile(file));
        assertEquals(Schema.VERSION, pragma(file, "user_version"));
        assertEquals(Schema.APPLICATION_ID, pragma(file, "application_id"));
        assertEquals("wal", text(file, "PRAGMA journal_mode"));
    }

    @Test
    void severalProcessesMayOpenANewFileAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // Twenty new files, each opened by four at once: the race between checking a new file and
            // another's creating its schema is narrow.
            for (int round = 0; round < 20; round++) {
                Path file = dir.resolve("store-" + round + ".db");
                List<Callable<SqliteStores>> opens = List.of(() -> stores.open(file), () -> stores.open(file),
                        () -> stores.open(file), () -> stores.open(file));
                int n = 0;
                for (Future<SqliteStores> opened : pool.invokeAll(opens)) {
                    assertTrue(opened.get().users().add(user("user" + n++)));
                }
                assertEquals(4, stores.open(file).users().list().size());
                stores.close();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileOfANewerSchemaIsRefused() throws Exception {
        Path file = dir.resolve("store.db");
        stores.open(file).close();
        sql(file, "PRAGMA user_version = " + (Schema.VERSION + 1));

        PortException e = assertThrows(PortException.class, () -> SqliteStores.open(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("newer version"), e.getMessage());
    }

    @Test
    void anotherApplicationsDatabaseIsLeftAlone() throws Exception {
        Path file = dir.resolve("theirs.db");
        sql(file, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");

        PortException e = assertThrows(PortException.class, () -> SqliteStores.open(file));

        assertTrue(e.getMessage().contains("another application's SQLite database"), e.getMessage());
        assertEquals(0, pragma(file, "user_version"), "nothing was written into it");
        assertEquals("delete", text(file, "PRAGMA journal_mode"), "not even the journal mode");
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedWithItsPath() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are notes, not a database; ".repeat(200));

        PortException e = assertThrows(PortException.class, () -> SqliteStores.open(file));

        assertTrue(e.getMessage().startsWith("SQLite store " + file), e.getMessage());
        assertTrue(e.getMessage().contains("not a SQLite database"), e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SqliteStores.open(dir));

        assertTrue(e.getMessage().contains("is a directory"), e.getMessage());
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsReported() throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory should be");

        PortException e = assertThrows(PortException.class, () -> SqliteStores.open(blocker.resolve("store.db")));

        assertTrue(e.getMessage().contains("cannot create the directory " + blocker), e.getMessage());
    }

    @Test
    void describesItselfForTheStartUpBanner() {
        Path file = dir.resolve("store.db");
        SqliteStores store = stores.open(file);

        assertEquals("SQLite file " + file.toAbsolutePath() + " (persistent, WAL, synchronous=FULL)", store.description());
        ComponentHealth health = store.users().health();
        assertEquals("sqlite:" + file.toAbsolutePath(), health.implementation());
        assertTrue(health.persistent());
        assertEquals(ComponentHealth.Status.UP, health.status());
        assertFalse(health.details().containsKey("error"));
    }
}
