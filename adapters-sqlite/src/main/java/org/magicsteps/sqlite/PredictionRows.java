package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.magicsteps.core.domain.Confidence;
import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.Prediction;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.PortException;

/**
 * A {@link PredictionRecord} as a row of {@code predictions} (schema 2: ids as 16 bytes, the
 * feature names and the model version as ids into the tables they are shared in, the feature values
 * as a JSON array; see the module's README), and a {@link LogQuery} as a {@code SELECT} that walks
 * one of the log's indexes.
 */
final class PredictionRows {

    /**
     * A retried append finds its prediction id taken and does nothing. {@code ON CONFLICT ... DO
     * NOTHING} rather than {@code INSERT OR IGNORE}: the latter would also silently drop a row that
     * breaks a {@code NOT NULL} or {@code CHECK} rule, where we want an error.
     */
    static final String INSERT = "INSERT INTO predictions (prediction_id, timestamp, user, student_id, layout,"
            + " features, probability, prediction, confidence, threshold, model, batch_id, seq, student_prev)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prediction_id) DO NOTHING";

    /** What a page reads of each record, in the order {@link #read} expects. */
    static final String COLUMNS = "prediction_id, timestamp, user, student_id, layout, features, probability,"
            + " prediction, confidence, threshold, model, batch_id";
    /**
     * The log's order: newest first, ties broken by the prediction id's text, descending. The
     * indexes hold the timestamp (and the row's key), not the id: SQLite walks an index in time
     * order and sorts only the records that share a millisecond (a batch's), which the plan shows as
     * "TEMP B-TREE FOR RIGHT PART OF ORDER BY". That keeps a 36-character id out of three indexes.
     */
    private static final String NEWEST_FIRST = " ORDER BY timestamp DESC, " + StoredIds.TEXT_SQL + " DESC";

    private PredictionRows() {
    }

    /**
     * One record ready to insert, made on the appending thread, so that the writer thread only
     * looks up two small ids and binds values.
     */
    record Row(String predictionId, Object storedId, long timestamp, String user, String studentId, String layout,
            String features, double probability, int prediction, String confidence, double threshold,
            String modelVersion, Object storedBatchId) {

        static Row of(PredictionRecord record, String layout) {
            Prediction p = record.prediction();
            return of(p.predictionId(), p.timestamp().toEpochMilli(), record.user(), p.studentId(), layout,
                    FeatureJson.values(record.features()), p.probability(), p.predictedClass(),
                    p.confidence().label(), p.threshold().value(), p.modelVersion(), record.batchId());
        }

        /** A row from its values, the ids in their stored form already (on the appending thread). */
        static Row of(String predictionId, long timestamp, String user, String studentId, String layout,
                String features, double probability, int prediction, String confidence, double threshold,
                String modelVersion, String batchId) {
            return new Row(predictionId, StoredIds.stored(predictionId), timestamp, user, studentId, layout, features,
                    probability, prediction, confidence, threshold, modelVersion, StoredIds.stored(batchId));
        }

        /**
         * Inserts the row inside the writer's transaction, linked into its student's chain; the two
         * shared values become ids in {@code dictionaries}.
         *
         * @return whether it was inserted ({@code false}: its prediction id was logged already)
         */
        boolean insert(PreparedStatement insert, Dictionaries dictionaries, StudentChains chains, Connection connection)
                throws SQLException {
            long seq = chains.nextSeq();
            StudentChains.Place place = studentId == null ? null
                    : chains.place(connection, studentId, timestamp, predictionId);
            bind(insert, dictionaries, connection);
            insert.setLong(13, seq);
            if (place == null || place.previous() == null) {
                insert.setNull(14, Types.INTEGER);
            } else {
                insert.setLong(14, place.previous());
            }
            if (insert.executeUpdate() == 0) {
                return false;
            }
            chains.inserted(connection, studentId, seq, timestamp, predictionId, place);
            return true;
        }

        private void bind(PreparedStatement insert, Dictionaries dictionaries, Connection connection)
                throws SQLException {
            setId(insert, 1, storedId);
            insert.setLong(2, timestamp);
            insert.setString(3, user);
            if (studentId == null) {
                insert.setNull(4, Types.VARCHAR);
            } else {
                insert.setString(4, studentId);
            }
            insert.setLong(5, dictionaries.layouts().idForWriting(connection, layout));
            insert.setString(6, features);
            insert.setDouble(7, probability);
            insert.setInt(8, prediction);
            insert.setString(9, confidence);
            insert.setDouble(10, threshold);
            insert.setLong(11, dictionaries.models().idForWriting(connection, modelVersion));
            setId(insert, 12, storedBatchId);
        }
    }

    private static void setId(PreparedStatement statement, int index, Object id) throws SQLException {
        if (id == null) {
            statement.setNull(index, Types.BLOB);
        } else if (id instanceof byte[] bytes) {
            statement.setBytes(index, bytes);
        } else {
            statement.setString(index, (String) id);
        }
    }

    /** A {@code SELECT} and the values of its parameters, in order. */
    record Select(String sql, List<Object> parameters) {

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Long number) {
                    statement.setLong(i + 1, number);
                } else if (value instanceof Integer number) {
                    statement.setInt(i + 1, number);
                } else {
                    statement.setString(i + 1, (String) value);
                }
            }
        }
    }

    /**
     * The records {@code query} asks for (one that names no student: a student's page walks its
     * chain, see {@link StudentPages}), after its cursor, in the log's order, one more than its
     * limit (to tell whether a next page exists). The cursor bounds the index walk by time (a deep
     * page costs what the first one does); among records of the cursor's millisecond, the id decides.
     */
    static Select select(LogQuery query) {
        if (query.studentId() != null) {
            throw new IllegalArgumentException("a student's page walks the student's chain, not an index");
        }
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (query.user() != null) {
            and(where, "user = ?");
            parameters.add(query.user());
        }
        if (query.from() != null) {
            and(where, "timestamp >= ?");
            parameters.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            and(where, "timestamp < ?");
            parameters.add(query.to().toEpochMilli());
        }
        LogCursor after = query.after();
        if (after != null) {
            and(where, "timestamp <= ? AND (timestamp < ? OR " + StoredIds.TEXT_SQL + " < ?)");
            long at = after.timestamp().toEpochMilli();
            parameters.add(at);
            parameters.add(at);
            parameters.add(after.predictionId());
        }
        parameters.add(query.limit() + 1);
        return new Select("SELECT " + COLUMNS + " FROM predictions" + where + NEWEST_FIRST + " LIMIT ?", parameters);
    }

    private static void and(StringBuilder where, String clause) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(clause);
    }

    /**
     * @throws PortException naming the prediction id when the row is not a record we can read
     */
    static PredictionRecord read(ResultSet row, Connection connection, Dictionaries dictionaries, SqliteFile file)
            throws SQLException {
        String predictionId = null;
        try {
            predictionId = StoredIds.text(row.getObject(1));
            Threshold threshold = new Threshold(row.getDouble(10));
            Prediction prediction = new Prediction(predictionId, row.getString(4), row.getDouble(7), row.getInt(8),
                    Confidence.fromLabel(row.getString(9)), Instant.ofEpochMilli(row.getLong(2)),
                    dictionaries.models().value(connection, row.getLong(11)), threshold);
            List<String> names = dictionaries.layoutNames(connection, row.getLong(5));
            return new PredictionRecord(prediction, row.getString(3), FeatureJson.read(names, row.getString(6)),
                    StoredIds.text(row.getObject(12)));
        } catch (RuntimeException e) {
            throw new PortException(file + ": the prediction record '" + predictionId
                    + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
