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
import org.magicsteps.core.domain.FeatureVisitor;
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
        List<Row> rows = new ArrayList<>(records.size());
        for (PredictionRecord record : records) {
            rows.add(Row.of(record));
        }
        database.writer().append(rows);
    }

    @Override
    public LogPage query(LogQuery query) {
        PredictionRows.Select select = PredictionRows.select(query);
        List<PredictionRecord> records = database.readers().read("reading the prediction log", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(select.sql())) {
                select.bind(statement);
                List<PredictionRecord> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(PredictionRows.read(rows, database.file()));
                    }
                }
                return found;
            }
        });
        return LogPage.of(records, query.limit());
    }

    /**
     * Reads the features column alone, in one forward pass over the window (the time index bounds
     * it; rows come in no particular order), parsing each record's JSON straight into the visitor,
     * so that a day of a million predictions is read in about a second rather than as pages of
     * whole records.
     */
    @Override
    public void scanFeatures(Instant from, Instant to, FeatureVisitor visitor) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw new IllegalArgumentException("a scan needs from before to, got " + from + " and " + to);
        }
        database.readers().read("scanning the prediction log", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(PredictionRows.FEATURES_BETWEEN)) {
                statement.setLong(1, from.toEpochMilli());
                statement.setLong(2, to.toEpochMilli());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        PredictionRows.visitFeatures(rows, 1, visitor, database.file());
                    }
                }
                return null;
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
