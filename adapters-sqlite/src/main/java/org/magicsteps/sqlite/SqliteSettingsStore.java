package org.magicsteps.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.SettingsStore;

/**
 * The threshold in force in {@code threshold_setting} (one row), and every change in {@code
 * threshold_history}. A change writes both in one transaction, so they cannot part. Nothing is
 * cached: each read sees the last commit of any process on the file, so another server on the same
 * file sees a change on its next read.
 */
public final class SqliteSettingsStore implements SettingsStore, HealthReporting {

    private static final String FIELDS = "threshold, updated_at, updated_by, model_version";

    private final Database database;

    SqliteSettingsStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<ThresholdSetting> threshold() {
        return database.readers().read("reading the threshold", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + FIELDS + " FROM threshold_setting WHERE id = 1");
                    ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.<ThresholdSetting>empty();
            }
        });
    }

    /** The newest change for that version in the audit trail: every model served keeps its own threshold. */
    @Override
    public Optional<ThresholdSetting> threshold(String modelVersion) {
        return database.readers().read("reading the threshold of " + modelVersion, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + FIELDS
                    + " FROM threshold_history WHERE model_version = ? ORDER BY seq DESC LIMIT 1")) {
                select.setString(1, modelVersion);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<ThresholdSetting>empty();
                }
            }
        });
    }

    @Override
    public void saveThreshold(ThresholdSetting setting) {
        database.writer().write("saving the threshold", connection -> {
            try (PreparedStatement inForce = connection.prepareStatement("INSERT INTO threshold_setting (id, "
                    + FIELDS + ") VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET threshold = excluded.threshold,"
                    + " updated_at = excluded.updated_at, updated_by = excluded.updated_by,"
                    + " model_version = excluded.model_version");
                    PreparedStatement audit = connection.prepareStatement(
                            "INSERT INTO threshold_history (" + FIELDS + ") VALUES (?, ?, ?, ?)")) {
                bind(inForce, setting);
                inForce.executeUpdate();
                bind(audit, setting);
                audit.executeUpdate();
                return null;
            }
        });
    }

    /**
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    @Override
    public List<ThresholdSetting> thresholdHistory(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return database.readers().read("reading the threshold history", connection -> {
            // In the order the changes were made, whatever clocks their updated_at came from.
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + FIELDS + " FROM threshold_history ORDER BY seq DESC LIMIT ?")) {
                select.setInt(1, limit);
                try (ResultSet rows = select.executeQuery()) {
                    List<ThresholdSetting> history = new ArrayList<>();
                    while (rows.next()) {
                        history.add(read(rows));
                    }
                    return history;
                }
            }
        });
    }

    @Override
    public ComponentHealth health() {
        return database.health(Map.of());
    }

    private static void bind(PreparedStatement statement, ThresholdSetting setting) throws SQLException {
        statement.setDouble(1, setting.threshold().value());
        statement.setLong(2, setting.updatedAt().toEpochMilli());
        statement.setString(3, setting.updatedBy());
        statement.setString(4, setting.modelVersion());
    }

    private ThresholdSetting read(ResultSet row) throws SQLException {
        try {
            return new ThresholdSetting(new Threshold(row.getDouble(1)), Instant.ofEpochMilli(row.getLong(2)),
                    row.getString(3), row.getString(4));
        } catch (RuntimeException e) {
            throw new PortException(database.file() + ": a stored threshold setting cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
