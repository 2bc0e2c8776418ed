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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

/**
 * Another process holding the file's write lock, as {@code magic-steps users add} does for a
 * moment. No test races a sleep against the busy timeout: one waits with a timeout far longer than
 * it needs and observes the writer's state, the other lets the short timeout run out on purpose.
 */
class LockedFileTest {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    private SqliteStores stores;
    private Connection otherProcess;
    private Statement other;

    private void open(Duration busyTimeout) throws Exception {
        SqliteFile file = SqliteFile.at(dir.resolve("store.db"), Durability.FULL, busyTimeout);
        stores = SqliteStores.open(file);
        otherProcess = file.connect(false);
        other = otherProcess.createStatement();
    }

    @AfterEach
    void close() throws Exception {
        if (otherProcess != null) {
            otherProcess.close();
        }
        if (stores != null) {
            stores.close();
        }
    }

    @Test
    void aWriteWaitsForAnotherProcesssTransactionToEnd() throws Exception {
        open(Duration.ofSeconds(60));
        other.execute("BEGIN IMMEDIATE");
        long transactions = stores.writer().transactions();
        long taken = stores.writer().taken();
        CompletableFuture<Void> append = CompletableFuture.runAsync(
                () -> stores.predictionLog().append(Students.record("p-1", "ana", "RA-1", T0, null)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stores.writer().taken() == taken) {
            // Until the writer has taken the append: from then on it is in its transaction, behind the lock.
            assertTrue(System.nanoTime() < deadline, "the writer takes the append within 10 s");
            Thread.sleep(1);
        }

        assertTrue(!append.isDone(), "the append waits while the other process writes");
        assertEquals(transactions, stores.writer().transactions(), "nothing committed meanwhile");
        other.execute("COMMIT");

        append.get(10, TimeUnit.SECONDS);
        assertEquals(1, stores.predictionLog().query(LogQuery.all()).records().size());
    }

    @Test
    void aWriteThatWaitsTooLongFailsSayingWhy() throws Exception {
        open(Duration.ofMillis(300));
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
        open(Duration.ofMillis(300));
        stores.predictionLog().append(Students.record("p-1", "ana", "RA-1", T0, null));
        other.execute("BEGIN IMMEDIATE");
        other.execute("DELETE FROM predictions");

        assertEquals(1, stores.predictionLog().query(LogQuery.all()).records().size(), "the last committed state");
        assertEquals(ComponentHealth.Status.UP, stores.predictionLog().health().status());
        other.execute("ROLLBACK");
    }
}
