package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.PortException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the prediction log of a schema-1 file (a JSON object of features and a 36-character
 * id per record, about 750 bytes each) in schema 2's form, inside the transaction that opens the
 * file: a crash or a failure leaves the file at schema 1, whole. Users and settings did not
 * change. Every record is read and written again, at tens of thousands a second; the other
 * processes on the file wait for it (their busy timeout) or fail saying the file was locked.
 */
final class MigrationFromVersion1 {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationFromVersion1.class);
    private static final int LOG_EVERY = 200_000;

    private MigrationFromVersion1() {
    }

    static void run(Connection connection, Statement statement, SqliteFile file, Dictionaries dictionaries)
            throws SQLException {
        long records = Schema.number(statement, "SELECT count(*) FROM predictions");
        LOG.info("{}: migrating the prediction log from schema 1 to schema {} ({} records)", file, Schema.VERSION,
                records);
        long started = System.nanoTime();
        for (String index : new String[] {"predictions_time", "predictions_user_time", "predictions_student_time"}) {
            statement.execute("DROP INDEX IF EXISTS " + index);
        }
        statement.execute("ALTER TABLE predictions RENAME TO predictions_v1");
        Schema.createPredictions(statement);
        StudentChains chains = new StudentChains();
        chains.begin(connection);
        long copied = 0;
        try (PreparedStatement select = connection.prepareStatement("SELECT prediction_id, timestamp, user, student_id,"
                + " features, probability, prediction, confidence, threshold, model_version, batch_id"
                + " FROM predictions_v1 ORDER BY rowid");
                PreparedStatement insert = connection.prepareStatement(PredictionRows.INSERT);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                row(rows, file, dictionaries).insert(insert, dictionaries, chains, connection);
                if (++copied % LOG_EVERY == 0) {
                    LOG.info("{}: migrated {} of {} records", file, copied, records);
                }
            }
        }
        chains.writeHeads(connection);
        for (String index : Schema.PREDICTION_INDEXES) {
            statement.execute(index);
        }
        statement.execute("DROP TABLE predictions_v1");
        LOG.info("{}: migrated {} records in {} ms", file, copied, (System.nanoTime() - started) / 1_000_000);
    }

    private static PredictionRows.Row row(ResultSet v1, SqliteFile file, Dictionaries dictionaries)
            throws SQLException {
        String id = v1.getString(1);
        try {
            StudentFeatures features = FeatureJson.readObject(v1.getString(5));
            return PredictionRows.Row.of(id, v1.getLong(2), v1.getString(3), v1.getString(4),
                    dictionaries.layout(FeatureJson.names(features)), FeatureJson.values(features), v1.getDouble(6),
                    v1.getInt(7), v1.getString(8), v1.getDouble(9), v1.getString(10), v1.getString(11));
        } catch (IllegalArgumentException e) {
            throw new PortException(file + ": migrating the prediction record '" + id + "' failed: " + e.getMessage()
                    + " (the file is left at schema 1)", e);
        }
    }
}
