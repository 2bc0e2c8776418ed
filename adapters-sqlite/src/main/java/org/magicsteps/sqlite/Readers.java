package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.magicsteps.core.port.PortException;

/**
 * A few read connections, each used by one thread at a time. In WAL mode a read sees the last
 * committed state (of any process) and neither waits for the writer nor holds it up.
 */
final class Readers implements AutoCloseable {

    /** Enough for the request threads of a small server; more would only add page caches. */
    static final int CONNECTIONS = 4;
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);

    private final SqliteFile file;
    private final Semaphore permits = new Semaphore(CONNECTIONS, true);
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    Readers(SqliteFile file) {
        this.file = file;
    }

    /**
     * Runs {@code work} on a read connection.
     *
     * @throws PortException naming {@code what} when it fails, or when no connection frees up
     *     within 30 s
     */
    <T> T read(String what, SqlWork<T> work) {
        acquire(what);
        Connection connection = idle.poll();
        try {
            if (closed) {
                throw new PortException(file + ": is closed");
            }
            if (connection == null) {
                connection = file.connect(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw Failures.wrap(file, what, e);
        } finally {
            giveBack(connection);
            permits.release();
        }
    }

    private void acquire(String what) {
        try {
            if (!permits.tryAcquire(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new PortException(file + ": " + what + ": no read connection became free within "
                        + WAIT_LIMIT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(file + ": interrupted while waiting to read (" + what + ")");
        }
    }

    private synchronized void giveBack(Connection connection) {
        if (connection == null) {
            return;
        }
        if (closed) {
            closeQuietly(connection);
        } else {
            idle.offer(connection);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written through it; there is nothing to save.
        }
    }
}
