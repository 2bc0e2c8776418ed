package org.magicsteps.mongo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * The prediction log in the {@code predictions} collection, written behind a journal on local
 * disk. {@link #append} writes the records to the journal and returns (in well under a
 * millisecond, plus one shared fsync); a background thread writes them to MongoDB with one
 * unordered {@code insertMany} per batch. While MongoDB is down or slow nothing waits on it and
 * nothing is lost: records stay in the journal, also across a restart, until MongoDB has them.
 * A record is in MongoDB, and so visible to {@link #query}, a few milliseconds after it is
 * appended while MongoDB is healthy; {@link #flush} waits for that.
 */
public final class MongoPredictionLog implements PredictionLog, HealthReporting, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MongoPredictionLog.class);

    /** Past this, records waiting for MongoDB make the log degraded. */
    static final Duration DEGRADED_AFTER = Duration.ofSeconds(5);
    /** How long {@link #close()} lets pending records drain before leaving them in the journal. */
    public static final Duration DEFAULT_CLOSE_FLUSH = Duration.ofSeconds(5);

    private final Connection connection;
    private final MongoCollection<Document> predictions;
    private final Journal journal;
    private final IndexesOnce indexes;
    private final JournalDrain drain;
    private final Thread drainThread;
    private final DocumentCodec codec = new DocumentCodec();
    private volatile String lastAppendFailure;
    private volatile boolean closed;

    /**
     * @param writeConcern how the log's writes are acknowledged; the journal forgets a record once
     *     MongoDB has acknowledged it so
     */
    MongoPredictionLog(Connection connection, Journal journal, WriteConcern writeConcern) {
        this(connection, journal, writeConcern, JournalDrain.BATCH_RECORDS);
    }

    /**
     * @param batchRecords how many records, about, one insert takes (whole appends are never split)
     */
    MongoPredictionLog(Connection connection, Journal journal, WriteConcern writeConcern, int batchRecords) {
        this.connection = connection;
        this.predictions = connection.collection(PredictionDocuments.COLLECTION);
        this.journal = journal;
        this.indexes = new IndexesOnce(PredictionDocuments.COLLECTION,
                () -> PredictionDocuments.createIndexes(predictions));
        this.drain = new JournalDrain(journal,
                connection.database().getCollection(PredictionDocuments.COLLECTION, RawBsonDocument.class)
                        .withWriteConcern(writeConcern),
                indexes, batchRecords);
        this.drainThread = new Thread(drain, "prediction-log-writer");
        drainThread.setDaemon(true);
        drainThread.start();
    }

    /**
     * Accepts the records: once this returns they are in the journal and will reach MongoDB.
     *
     * @throws PortException when the journal cannot be written (say, the disk is full), or the log
     *     is closed
     */
    @Override
    public void append(List<PredictionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<byte[]> encoded = new ArrayList<>(records.size());
        for (PredictionRecord record : records) {
            encoded.add(encode(PredictionDocuments.toDocument(record)));
        }
        try {
            journal.append(encoded, System.currentTimeMillis());
            lastAppendFailure = null;
        } catch (PortException e) {
            lastAppendFailure = e.getMessage();
            throw e;
        }
    }

    @Override
    public LogPage query(LogQuery query) {
        // A query waits for the indexes the writer creates at start: it would scan without them,
        // and a server may refuse a query that meets an index build.
        indexes.ensure();
        try {
            List<PredictionRecord> page = new ArrayList<>(Math.min(query.limit() + 1, 1024));
            for (Document doc : predictions.find(PredictionDocuments.filter(query))
                    .sort(PredictionDocuments.NEWEST_FIRST).limit(query.limit() + 1)) {
                page.add(PredictionDocuments.fromDocument(doc));
            }
            return LogPage.of(page, query.limit());
        } catch (MongoException e) {
            throw MongoFailures.wrap("reading the prediction log", e);
        }
    }

    /**
     * Deletes the oldest records before {@code cutoff} that MongoDB holds: finds their ids along the
     * time index, then deletes those ({@code deleteMany} has no limit of its own). A record still in
     * the journal is written afterwards and goes at a later step.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     * @throws PortException when MongoDB cannot be reached
     */
    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        try {
            List<Object> ids = new ArrayList<>(limit);
            for (Document doc : predictions.find(PredictionDocuments.before(cutoff))
                    .sort(PredictionDocuments.OLDEST_FIRST).limit(limit).projection(Projections.include("_id"))) {
                ids.add(doc.get("_id"));
            }
            if (ids.isEmpty()) {
                return 0;
            }
            return (int) predictions.deleteMany(Filters.in("_id", ids)).getDeletedCount();
        } catch (MongoException e) {
            throw MongoFailures.wrap("deleting prediction records before " + cutoff, e);
        }
    }

    /**
     * Waits until every record appended so far is written to MongoDB.
     *
     * @return {@code false} when some are still pending after {@code timeout}
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (journal.pendingRecords() > 0) {
            if (System.nanoTime() - deadline >= 0 || !drainThread.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** How many inserts carried the records written so far (for the benchmark). */
    long inserts() {
        return drain.inserts();
    }

    /** The numbers behind {@link #health()}, for {@code /metrics}. */
    public PredictionLogStatus status() {
        return new PredictionLogStatus(journal.pendingRecords(), journal.bytesOnDisk(), drain.oldestPendingAge(),
                drain.written(), drain.duplicates(), drain.rejected(), drain.failedAttempts(), connection.reachable(),
                drain.lastError());
    }

    /**
     * UP while records reach MongoDB promptly; DEGRADED while they wait (MongoDB unreachable, slow,
     * or refusing some); DOWN when the journal cannot be written, so that appends fail.
     */
    @Override
    public ComponentHealth health() {
        PredictionLogStatus status = status();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending_records", status.pendingRecords());
        details.put("journal_bytes", status.journalBytes());
        details.put("oldest_pending_age_ms", status.oldestPendingAge().toMillis());
        details.put("written_records", status.writtenRecords());
        details.put("rejected_records", status.rejectedRecords());
        details.put("failed_write_attempts", status.failedWriteAttempts());
        details.put("journal", journal.directory().toString());
        ComponentHealth.Status state = ComponentHealth.Status.UP;
        String failure = lastAppendFailure;
        if (closed) {
            state = ComponentHealth.Status.DOWN;
            details.put("error", "closed");
        } else if (failure != null) {
            state = ComponentHealth.Status.DOWN;
            details.put("error", failure);
        } else if (status.pendingRecords() > 0 && (status.oldestPendingAge().compareTo(DEGRADED_AFTER) > 0
                || status.lastError() != null || !status.storeReachable())) {
            state = ComponentHealth.Status.DEGRADED;
            if (status.lastError() != null) {
                details.put("error", status.lastError());
            }
        }
        return new ComponentHealth(connection.description() + " + journal", true, state, details);
    }

    /** Closes after letting pending records drain for up to {@link #DEFAULT_CLOSE_FLUSH}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_FLUSH);
    }

    /**
     * Refuses further appends, lets pending records drain for up to {@code flushTimeout}, then
     * stops; what is not written by then stays in the journal for the next start.
     */
    public void close(Duration flushTimeout) {
        if (closed) {
            return;
        }
        closed = true;
        journal.closeForAppends();
        boolean drained = flush(flushTimeout);
        drain.stop();
        try {
            // An attempt in flight ends within the driver's timeouts; we do not wait that long.
            drainThread.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
        if (!drained) {
            LOG.warn("prediction log closed with {} records not yet in MongoDB; they stay in {} and are written"
                    + " at the next start", journal.pendingRecords(), journal.directory());
        }
    }

    private byte[] encode(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer(1024);
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            codec.encode(writer, document, EncoderContext.builder().build());
        }
        return buffer.toByteArray();
    }
}
