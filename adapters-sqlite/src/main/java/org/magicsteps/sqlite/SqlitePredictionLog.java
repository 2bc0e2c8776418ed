package org.magicsteps.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.sqlite.PredictionRows.Row;

/**
 * The prediction log in the {@code predictions} table. {@link #append} returns once its records
 * are committed and forced to disk, so a record whose prediction was answered is lost only if the
 * disk is; concurrent appends share one commit. A record is readable as soon as {@code append}
 * returns.
 */
public final class SqlitePredictionLog implements PredictionLog, HealthReporting {

    /**
     * Oldest first in the log's order (ties by id, as every log breaks them), along the time index;
     * by row key, so that SQLite deletes exactly the rows it picked. So what is deleted of a
     * student's chain is always its oldest end, and the rest stays reachable from its head.
     */
    private static final String DELETE_BEFORE = "DELETE FROM predictions WHERE seq IN (SELECT seq FROM predictions"
            + " WHERE timestamp < ? ORDER BY timestamp, " + StoredIds.TEXT_SQL + " LIMIT ?)";

    private final Database database;

    SqlitePredictionLog(Database database) {
        this.database = database;
    }

    /**
     * Appends the records in one transaction: all are stored, or none. Records whose prediction id
     * is already logged are skipped.
     *
     * @throws PortException when the transaction failed (the disk is full, the file is locked by
     *     another process for too long, the store is closed...)
     */
    @Override
    public void append(List<PredictionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Dictionaries dictionaries = database.dictionaries();
        List<Row> rows = new ArrayList<>(records.size());
        for (PredictionRecord record : records) {
            rows.add(Row.of(record, dictionaries.layout(FeatureJson.names(record.features()))));
        }
        database.writer().append(rows);
    }

    /**
     * A page: one student's along the student's chain ({@link StudentPages}), any other along the
     * time index or the user index.
     */
    @Override
    public LogPage query(LogQuery query) {
        Dictionaries dictionaries = database.dictionaries();
        if (query.studentId() != null) {
            return LogPage.of(database.readers().read("reading the prediction log",
                    connection -> StudentPages.read(connection, query, dictionaries, database.file())), query.limit());
        }
        PredictionRows.Select select = PredictionRows.select(query);
        List<PredictionRecord> records = database.readers().read("reading the prediction log", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select.sql())) {
                select.bind(statement);
                List<PredictionRecord> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(PredictionRows.read(rows, connection, dictionaries, database.file()));
                    }
                }
                return found;
            }
        });
        return LogPage.of(records, query.limit());
    }

    /**
     * Deletes, in one short transaction on the writer (appends queued meanwhile follow it at once),
     * the oldest records before {@code cutoff}. The file does not shrink: SQLite reuses the freed
     * pages for the records that follow.
     *
     * @throws IllegalArgumentException when {@code limit} is below 1
     * @throws PortException when the transaction failed
     */
    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        long before = cutoff.toEpochMilli();
        return database.writer().write("deleting prediction records before " + cutoff, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE_BEFORE)) {
                delete.setLong(1, before);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    /**
     * The store's health, with this process's writer numbers in the details: {@code pending_writes}
     * (changes waiting for the writer), {@code records_written}, {@code duplicate_records} (appends
     * of a prediction id already logged) and {@code transactions}, all since the store was opened.
     */
    @Override
    public ComponentHealth health() {
        SingleWriter writer = database.writer();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending_writes", writer.pending());
        details.put("records_written", writer.recordsWritten());
        details.put("duplicate_records", writer.duplicateRecords());
        details.put("transactions", writer.transactions());
        return database.health(details);
    }
}
