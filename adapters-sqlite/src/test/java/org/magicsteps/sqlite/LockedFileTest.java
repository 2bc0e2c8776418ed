package org.magicsteps.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

/** Another process holding the file's write lock, as {@code magic-steps users add} does for a moment. */
class LockedFileTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private SqliteStores stores;
    private Connection otherProcess;
    private Statement other;

    @BeforeEach
    void open() throws Exception {
        SqliteFile file = SqliteFile.at(dir.resolve("store.db"), Durability.FULL, Duration.ofMillis(300));
        stores = SqliteStores.open(file);
        otherProcess = file.connect(false);
        other = otherProcess.createStatement();
    }

    @AfterEach
    void close() throws Exception {
        otherProcess.close();
        stores.close();
    }

    @Test
    void aWriteWaitsForAnotherProcesssTransactionToEnd() throws Exception {
        other.execute("BEGIN IMMEDIATE");
        CompletableFuture<Void> append = CompletableFuture.runAsync(
                () -> stores.predictionLog().append(Students.record("p-1", "ana", "RA-1", T0, null)));
        Thread.sleep(150);
        assertTrue(!append.isDone(), "the append waits while the other process writes");

        other.execute("COMMIT");

        append.get(5, TimeUnit.SECONDS);
        assertEquals(1, stores.predictionLog().query(LogQuery.all()).records().size());
    }

    @Test
    void aWriteThatWaitsTooLongFailsSayingWhy() throws Exception {
        other.execute("BEGIN IMMEDIATE");

        PortException e = assertThrows(PortException.class, () -> stores.users().add(
                new User("ana", "", Role.USER, new PasswordHash("$h$"), false, T0)));

        assertTrue(e.getMessage().startsWith("SQLite store " + dir.resolve("store.db").toAbsolutePath()
                + ": adding user 'ana' failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("another process held the file's lock for more than 300 ms"), e.getMessage());
        assertEquals(ComponentHealth.Status.DOWN, stores.users().health().status());

        other.execute("ROLLBACK");
        assertTrue(stores.users().add(new User("ana", "", Role.USER, new PasswordHash("$h$"), false, T0)));
        assertEquals(ComponentHealth.Status.UP, stores.users().health().status());
    }

    @Test
    void readsGoOnWhileAnotherProcessWrites() throws Exception {
        stores.predictionLog().append(Students.record("p-1", "ana", "RA-1", T0, null));
        other.execute("BEGIN IMMEDIATE");
        other.execute("DELETE FROM predictions");

        assertEquals(1, stores.predictionLog().query(LogQuery.all()).records().size(), "the last committed state");
        assertEquals(ComponentHealth.Status.UP, stores.predictionLog().health().status());
        other.execute("ROLLBACK");
    }
}
