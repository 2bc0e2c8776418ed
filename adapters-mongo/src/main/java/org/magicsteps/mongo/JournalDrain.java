package org.magicsteps.mongo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;

/**
 * The one thread that moves records from the {@link Journal} into the {@code predictions}
 * collection: it takes what is waiting (whole appends, never split, until about {@link
 * #BATCH_RECORDS} records), writes it with one unordered {@code insertMany}, and confirms it to
 * the journal. Single predictions need no timer to be grouped: while one write is in flight, the
 * next ones gather in the journal and go together in the next (measured in the module's README).
 *
 * <p>A record whose prediction id is already stored (a retry, or a replay after a restart) counts
 * as written. While MongoDB is unreachable it retries with growing pauses, holding its batch; the
 * journal keeps the rest. A record MongoDB keeps refusing for another reason (say, a validator an
 * operator added) would stop the log for good, so after {@value #ATTEMPTS_BEFORE_SET_ASIDE}
 * refusals it is set aside in {@code rejected-predictions.bson} next to the journal (readable with
 * {@code bsondump}, loadable with {@code mongorestore}) and counted, never dropped.
 */
final class JournalDrain implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JournalDrain.class);

    static final int BATCH_RECORDS = 500;
    static final int ATTEMPTS_BEFORE_SET_ASIDE = 5;
    private static final long IDLE_WAIT_MILLIS = 100;
    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 1000;
    static final String REJECTED_FILE = "rejected-predictions.bson";

    private final Journal journal;
    private final MongoCollection<RawBsonDocument> predictions;
    private final IndexesOnce indexes;
    private final int batchRecords;
    private final CountDownLatch stop = new CountDownLatch(1);

    private final AtomicLong written = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong inserts = new AtomicLong();
    /** When the oldest record not yet written was appended, or 0 when none is in hand. */
    private volatile long oldestInHandMillis;
    private volatile String lastError;

    /**
     * @param batchRecords an insert takes whole appends until it holds this many records
     */
    JournalDrain(Journal journal, MongoCollection<RawBsonDocument> predictions, IndexesOnce indexes,
            int batchRecords) {
        this.journal = journal;
        this.predictions = predictions;
        this.indexes = indexes;
        this.batchRecords = batchRecords;
    }

    @Override
    public void run() {
        // Here rather than in the constructor, so that opening the log never waits for MongoDB;
        // if it fails, the first insert tries again.
        indexes.tryEnsure();
        while (stop.getCount() > 0) {
            Journal.Batch batch;
            try {
                batch = journal.read(batchRecords, IDLE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // A journal that cannot be read now may be readable later; what it holds stays there.
                lastError = "reading the journal: " + e.getMessage();
                LOG.error("prediction log: cannot read the journal {}: {}", journal.directory(), e.toString());
                if (pause(LONGEST_PAUSE_MILLIS)) {
                    return;
                }
                continue;
            }
            if (!batch.isEmpty()) {
                oldestInHandMillis = batch.entries().get(0).appendedAtMillis();
                if (writeUntilDone(batch)) {
                    journal.confirm(batch);
                }
                oldestInHandMillis = 0;
            }
        }
    }

    /** Asks the thread to stop after its current attempt; what it has not written stays in the journal. */
    void stop() {
        stop.countDown();
        journal.stopReading();
    }

    long written() {
        return written.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long rejected() {
        return rejected.get();
    }

    long failedAttempts() {
        return failedAttempts.get();
    }

    /** How many {@code insertMany} calls were made, for the benchmark's records-per-insert. */
    long inserts() {
        return inserts.get();
    }

    /** How long the oldest record not yet written has waited; zero when none is in hand. */
    Duration oldestPendingAge() {
        long since = oldestInHandMillis;
        return since == 0 ? Duration.ZERO : Duration.ofMillis(Math.max(0, System.currentTimeMillis() - since));
    }

    /** What went wrong in the last attempt, or {@code null} when it succeeded. */
    String lastError() {
        return lastError;
    }

    /** @return {@code true} when written (or set aside), {@code false} when stopped first */
    private boolean writeUntilDone(Journal.Batch batch) {
        List<RawBsonDocument> documents = new ArrayList<>(batch.recordCount());
        for (Journal.Entry entry : batch.entries()) {
            for (byte[] record : entry.records()) {
                documents.add(new RawBsonDocument(record));
            }
        }
        long pause = FIRST_PAUSE_MILLIS;
        int refusals = 0;
        while (!documents.isEmpty()) {
            try {
                indexes.ensure();
                inserts.incrementAndGet();
                predictions.insertMany(documents, new InsertManyOptions().ordered(false));
                written.addAndGet(documents.size());
                documents = List.of();
            } catch (MongoBulkWriteException e) {
                documents = afterPartialWrite(documents, e, ++refusals);
            } catch (RuntimeException e) {
                // Unreachable, slow, or (while we stop) closed under us: the batch stays in hand.
                if (stop.getCount() == 0) {
                    return false;
                }
                failedAttempts.incrementAndGet();
                if (lastError == null) {
                    LOG.warn("prediction log: cannot write to MongoDB ({}); records wait in the journal {}",
                            e.getMessage(), journal.directory());
                }
                lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (pause(pause)) {
                    return false;
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
                continue;
            }
            if (!documents.isEmpty() && pause(pause)) {
                return false;
            }
        }
        if (lastError != null) {
            LOG.info("prediction log: MongoDB takes writes again; {} records still pending", journal.pendingRecords());
        }
        lastError = null;
        return true;
    }

    /**
     * After an unordered insert that failed for some documents: those whose prediction id was
     * already stored are done; the others are returned to be tried again, or set aside after too
     * many refusals.
     */
    private List<RawBsonDocument> afterPartialWrite(List<RawBsonDocument> documents, MongoBulkWriteException e,
            int refusals) {
        List<RawBsonDocument> again = new ArrayList<>();
        int duplicated = 0;
        for (BulkWriteError error : e.getWriteErrors()) {
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                duplicated++;
            } else {
                again.add(documents.get(error.getIndex()));
            }
        }
        if (e.getWriteConcernError() != null) {
            // Inserted but not acknowledged as durable: write them all again, duplicates are harmless.
            failedAttempts.incrementAndGet();
            lastError = e.getWriteConcernError().getMessage();
            return documents;
        }
        duplicates.addAndGet(duplicated);
        written.addAndGet(documents.size() - duplicated - again.size());
        if (again.isEmpty()) {
            return List.of();
        }
        failedAttempts.incrementAndGet();
        lastError = e.getWriteErrors().get(0).getMessage();
        if (refusals < ATTEMPTS_BEFORE_SET_ASIDE || !setAside(again, lastError)) {
            return again;
        }
        return List.of();
    }

    /** @return whether they are safely in the file of refused records */
    private boolean setAside(List<RawBsonDocument> documents, String reason) {
        Path file = journal.directory().resolve(REJECTED_FILE);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            for (RawBsonDocument document : documents) {
                ByteBuffer bytes = document.getByteBuffer().asNIO();
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            out.force(false);
        } catch (IOException io) {
            // Keep trying them rather than lose them.
            LOG.error("prediction log: cannot set aside refused records in {}: {}", file, io.getMessage());
            return false;
        }
        rejected.addAndGet(documents.size());
        LOG.error("prediction log: MongoDB refused {} records {} times ({}); they are kept in {}", documents.size(),
                ATTEMPTS_BEFORE_SET_ASIDE, reason, file);
        return true;
    }

    /** @return {@code true} when asked to stop meanwhile */
    private boolean pause(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
