package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.magicsteps.core.port.PortException;
import org.magicsteps.sqlite.PredictionRows.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The one thread of this process that writes to the file, on the one write connection.
 *
 * <p>SQLite lets one transaction write at a time, and with {@code synchronous=FULL} each commit
 * waits for the disk. So appends are grouped: the thread takes everything queued, writes all the
 * appends in one transaction, commits once, and only then releases every waiting caller (group
 * commit). Under load, many appends share one disk flush; alone, an append costs one. An append
 * is never split across transactions, so a batch is stored whole or not at all. Other changes
 * (users, settings) run in transactions of their own on the same thread, so this process never
 * contends with itself for SQLite's write lock.
 */
final class SingleWriter implements AutoCloseable {

    /** Appends are grouped until a transaction holds about this many records. */
    static final int GROUP_RECORDS = 5_000;
    /** How long a caller waits for its change to be committed before it is told it failed. */
    static final Duration WAIT_LIMIT = Duration.ofSeconds(30);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SingleWriter.class);

    private sealed interface Job permits Append, Task, Stop {
    }

    private record Append(List<Row> rows, CompletableFuture<Object> done) implements Job {
    }

    private record Task(String what, SqlWork<?> work, CompletableFuture<Object> done) implements Job {
    }

    private record Stop() implements Job {
    }

    /** Primary result codes that come from one record's values, not from the file or the disk. */
    private static final Set<SQLiteErrorCode> RECORD_ERRORS = EnumSet.of(SQLiteErrorCode.SQLITE_TOOBIG,
            SQLiteErrorCode.SQLITE_CONSTRAINT, SQLiteErrorCode.SQLITE_MISMATCH);

    private final SqliteFile file;
    private final Connection connection;
    private final Dictionaries dictionaries;
    private final StudentChains chains = new StudentChains();
    private final Statement control;
    /** BEGIN and COMMIT prepared once: each execute would otherwise prepare and finalize them again. */
    private PreparedStatement begin;
    private PreparedStatement commit;
    private PreparedStatement insert;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Object enqueueing = new Object();
    private boolean closed;
    private final Thread thread;

    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong recordsWritten = new AtomicLong();
    private final AtomicLong duplicateRecords = new AtomicLong();
    private volatile String lastError;

    private SingleWriter(SqliteFile file, Connection connection, Dictionaries dictionaries) throws SQLException {
        this.file = file;
        this.connection = connection;
        this.dictionaries = dictionaries;
        this.control = connection.createStatement();
        this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
        this.commit = connection.prepareStatement("COMMIT");
        this.insert = connection.prepareStatement(PredictionRows.INSERT);
        this.thread = new Thread(this::run, "sqlite-writer " + file.path().getFileName());
        // A process that exits without close() must not be held up by this thread; whatever an
        // append returned for is committed already.
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts the writer on {@code connection}, which it owns from now on (the schema must exist). */
    static SingleWriter start(SqliteFile file, Connection connection, Dictionaries dictionaries) throws SQLException {
        return new SingleWriter(file, connection, dictionaries);
    }

    /**
     * Appends {@code rows} in one transaction (perhaps shared with other appends) and returns once it
     * is committed.
     *
     * @throws PortException when the transaction failed, or was not committed within {@link #WAIT_LIMIT}
     */
    void append(List<Row> rows) {
        await(submit(new Append(rows, new CompletableFuture<>())), "appending " + rows.size() + " prediction records");
    }

    /**
     * Runs {@code work} in a write transaction of its own and returns its result once committed.
     *
     * @throws PortException when it failed, or was not committed within {@link #WAIT_LIMIT}
     */
    @SuppressWarnings("unchecked")
    <T> T write(String what, SqlWork<T> work) {
        return (T) await(submit(new Task(what, work, new CompletableFuture<>())), what);
    }

    private CompletableFuture<Object> submit(Job job) {
        synchronized (enqueueing) {
            if (closed) {
                throw new PortException(file + ": is closed");
            }
            queue.add(job);
        }
        return job instanceof Append append ? append.done() : ((Task) job).done();
    }

    private Object await(CompletableFuture<Object> done, String what) {
        try {
            return done.get(WAIT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new PortException(file + ": " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new PortException(file + ": " + what + " was not committed within " + WAIT_LIMIT.toSeconds()
                    + " s (the disk or another process holds the writer up); it may still be written");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException(file + ": interrupted while " + what + "; it may still be written");
        }
    }

    private void run() {
        List<Job> jobs = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            jobs.clear();
            try {
                jobs.add(queue.take());
            } catch (InterruptedException e) {
                // Nobody interrupts this thread but the JVM going down; close() stops it with Stop.
                continue;
            }
            queue.drainTo(jobs);
            taken.addAndGet(jobs.size());
            List<Append> appends = new ArrayList<>();
            for (Job job : jobs) {
                if (job instanceof Append append) {
                    appends.add(append);
                } else if (job instanceof Task task) {
                    runTask(task);
                } else {
                    // Stop is the last job ever queued: what came before it is still done below.
                    stopping = true;
                }
            }
            writeInGroups(appends);
        }
        closeConnection();
    }

    private void writeInGroups(List<Append> appends) {
        List<Append> group = new ArrayList<>();
        int records = 0;
        for (Append append : appends) {
            if (!group.isEmpty() && records + append.rows().size() > GROUP_RECORDS) {
                writeGroup(group);
                group = new ArrayList<>();
                records = 0;
            }
            group.add(append);
            records += append.rows().size();
        }
        if (!group.isEmpty()) {
            writeGroup(group);
        }
    }

    private void writeGroup(List<Append> group) {
        try {
            begin.execute();
            chains.begin(connection);
            int records = 0;
            int written = 0;
            for (Append append : group) {
                for (Row row : append.rows()) {
                    records++;
                    if (row.insert(insert, dictionaries, chains, connection)) {
                        written++;
                    }
                }
            }
            chains.writeHeads(connection);
            commit.execute();
            dictionaries.committed();
            chains.committed();
            transactions.incrementAndGet();
            recordsWritten.addAndGet(written);
            duplicateRecords.addAndGet(records - written);
            succeeded();
            for (Append append : group) {
                append.done().complete(null);
            }
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            prepareAgain(e);
            if (group.size() > 1 && concernsOneRecord(e)) {
                // One append that cannot be written must not fail the others that shared its transaction.
                for (Append append : group) {
                    writeGroup(List.of(append));
                }
            } else {
                // A locked file, a full disk...: every append of the group would fail alike.
                for (Append append : group) {
                    append.done().completeExceptionally(
                            failed("appending " + append.rows().size() + " prediction records", e));
                }
            }
        }
    }

    /**
     * A failed transaction may leave sqlite-jdbc's prepared statements unusable (a COMMIT that the
     * disk refused answers "statement is not executing" to every later execute, while isClosed()
     * still says false): after a failure they are prepared again, so that appends succeed once the
     * space is back. It costs a prepare only when something failed.
     */
    private void prepareAgain(Exception cause) {
        try {
            begin.close();
            commit.close();
            insert.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        try {
            begin = connection.prepareStatement("BEGIN IMMEDIATE");
            commit = connection.prepareStatement("COMMIT");
            insert = connection.prepareStatement(PredictionRows.INSERT);
        } catch (SQLException e) {
            // The file is unusable for now; the next group tries again.
            cause.addSuppressed(e);
        }
        chains.forgetStatements();
    }

    /** Whether {@code e} comes from a record's values (a broken rule) rather than from the file or the disk. */
    private static boolean concernsOneRecord(Exception e) {
        if (e instanceof SQLiteException sqlite) {
            return RECORD_ERRORS.contains(Failures.primary(sqlite.getResultCode()));
        }
        return e instanceof RuntimeException;
    }

    private void runTask(Task task) {
        try {
            control.execute("BEGIN IMMEDIATE");
            Object result = task.work().run(connection);
            control.execute("COMMIT");
            dictionaries.committed();
            transactions.incrementAndGet();
            succeeded();
            task.done().complete(result);
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            task.done().completeExceptionally(failed(task.what(), e));
        }
    }

    private void rollback(Exception cause) {
        dictionaries.rolledBack();
        chains.rolledBack();
        try {
            // SQLite has rolled back by itself after some errors (a full disk, say); then there is
            // no transaction left and ROLLBACK complains, which tells nothing new.
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            if (e.getMessage() == null || !e.getMessage().contains("no transaction is active")) {
                cause.addSuppressed(e);
            }
        }
    }

    private RuntimeException failed(String what, Exception e) {
        RuntimeException failure = e instanceof SQLException sql ? Failures.wrap(file, what, sql) : (RuntimeException) e;
        if (e instanceof SQLException) {
            if (lastError == null) {
                LOG.error("{}", failure.getMessage());
            }
            lastError = failure.getMessage();
        }
        return failure;
    }

    private void succeeded() {
        if (lastError != null) {
            LOG.info("{}: writes succeed again", file);
            lastError = null;
        }
    }

    private void closeConnection() {
        try {
            insert.close();
            begin.close();
            commit.close();
            control.close();
            connection.close();
        } catch (SQLException e) {
            LOG.warn("{}: closing the write connection: {}", file, Failures.describe(file, e));
        }
    }

    /** Lets what is queued be written, then closes the write connection. Further writes fail. */
    @Override
    public void close() {
        synchronized (enqueueing) {
            if (!closed) {
                closed = true;
                queue.add(new Stop());
            }
        }
        try {
            thread.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: the writer did not finish within {} s; what it still writes is committed or lost whole",
                    file, CLOSE_WAIT.toSeconds());
        }
    }

    /** Whether changes can be written: open, and the last write did not fail. */
    boolean working() {
        return thread.isAlive() && !isClosed() && lastError == null;
    }

    boolean isClosed() {
        synchronized (enqueueing) {
            return closed;
        }
    }

    /** Why the last write failed, or {@code null} when it succeeded. */
    String lastError() {
        return lastError;
    }

    /** Changes queued and not yet taken by the writer. */
    int pending() {
        return queue.size();
    }

    long transactions() {
        return transactions.get();
    }

    /** Changes the writer has taken from the queue since it started (for tests that wait on it). */
    long taken() {
        return taken.get();
    }

    long recordsWritten() {
        return recordsWritten.get();
    }

    long duplicateRecords() {
        return duplicateRecords.get();
    }
}
