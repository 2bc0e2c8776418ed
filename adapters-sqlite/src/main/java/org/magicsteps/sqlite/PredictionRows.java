package org.magicsteps.sqlite;

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
import org.magicsteps.core.domain.FeatureVisitor;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.port.PortException;

/**
 * A {@link PredictionRecord} as a row of {@code predictions}, with the original service's column
 * names; and a {@link LogQuery} as a {@code SELECT} that walks one of the log's indexes.
 */
final class PredictionRows {

    /**
     * A retried append finds its prediction id taken and does nothing. {@code ON CONFLICT ... DO
     * NOTHING} rather than {@code INSERT OR IGNORE}: the latter would also silently drop a row that
     * breaks a {@code NOT NULL} or {@code CHECK} rule, where we want an error.
     */
    static final String INSERT = "INSERT INTO predictions (prediction_id, timestamp, user, student_id, features,"
            + " probability, prediction, confidence, threshold, model_version, batch_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (prediction_id) DO NOTHING";

    private static final String COLUMNS = "prediction_id, timestamp, user, student_id, features, probability,"
            + " prediction, confidence, threshold, model_version, batch_id";
    /** The features of the records of a time window, read in one pass in no particular order. */
    static final String FEATURES_BETWEEN = "SELECT features FROM predictions WHERE timestamp >= ? AND timestamp < ?";

    private static final String NEWEST_FIRST = " ORDER BY timestamp DESC, prediction_id DESC";

    private PredictionRows() {
    }

    /**
     * One record ready to insert. Made on the appending thread, so that the writer thread only
     * binds values.
     */
    record Row(String predictionId, long timestamp, String user, String studentId, String features,
            double probability, int prediction, String confidence, double threshold, String modelVersion,
            String batchId) {

        static Row of(PredictionRecord record) {
            Prediction p = record.prediction();
            return new Row(p.predictionId(), p.timestamp().toEpochMilli(), record.user(), p.studentId(),
                    FeatureJson.write(record.features()), p.probability(), p.predictedClass(), p.confidence().label(),
                    p.threshold().value(), p.modelVersion(), record.batchId());
        }

        void bind(PreparedStatement insert) throws SQLException {
            insert.setString(1, predictionId);
            insert.setLong(2, timestamp);
            insert.setString(3, user);
            setNullable(insert, 4, studentId);
            insert.setString(5, features);
            insert.setDouble(6, probability);
            insert.setInt(7, prediction);
            insert.setString(8, confidence);
            insert.setDouble(9, threshold);
            insert.setString(10, modelVersion);
            setNullable(insert, 11, batchId);
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
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
     * The records {@code query} asks for, after its cursor, in the log's order, one more than its
     * limit (to tell whether a next page exists). The cursor is a row-value comparison, which
     * SQLite turns into a range on the index, so a deep page costs what the first one does.
     */
    static Select select(LogQuery query) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        if (query.user() != null) {
            and(where, "user = ?");
            parameters.add(query.user());
        }
        if (query.studentId() != null) {
            and(where, "student_id = ?");
            parameters.add(query.studentId());
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
            and(where, "(timestamp, prediction_id) < (?, ?)");
            parameters.add(after.timestamp().toEpochMilli());
            parameters.add(after.predictionId());
        }
        parameters.add(query.limit() + 1);
        return new Select("SELECT " + COLUMNS + " FROM predictions" + where + NEWEST_FIRST + " LIMIT ?", parameters);
    }

    private static void and(StringBuilder where, String clause) {
        where.append(where.length() == 0 ? " WHERE " : " AND ").append(clause);
    }

    /**
     * Gives {@code visitor} the features in column {@code column} of {@code row}, then ends the record.
     *
     * @throws PortException when they are not features we can read
     */
    static void visitFeatures(ResultSet row, int column, FeatureVisitor visitor, SqliteFile file) throws SQLException {
        try {
            FeatureJson.visit(row.getBytes(column), visitor);
        } catch (RuntimeException e) {
            throw new PortException(file + ": logged features cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * @throws PortException naming the prediction id when the row is not a record we can read
     */
    static PredictionRecord read(ResultSet row, SqliteFile file) throws SQLException {
        String predictionId = row.getString(1);
        try {
            Threshold threshold = new Threshold(row.getDouble(9));
            double probability = row.getDouble(6);
            Prediction prediction = new Prediction(predictionId, row.getString(4), probability, row.getInt(7),
                    Confidence.fromLabel(row.getString(8)), Instant.ofEpochMilli(row.getLong(2)), row.getString(10),
                    threshold);
            return new PredictionRecord(prediction, row.getString(3), FeatureJson.read(row.getString(5)),
                    row.getString(11));
        } catch (RuntimeException e) {
            throw new PortException(file + ": the prediction record '" + predictionId
                    + "' cannot be read: " + e.getMessage(), e);
        }
    }
}
