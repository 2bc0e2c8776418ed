package org.magicsteps.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A table of values that many records share ({@code model_versions}, {@code feature_layouts}):
 * each record stores a small id instead of the value. Ids are cached in both directions; only
 * committed entries are cached, so a transaction that rolls back leaves no id behind that the file
 * does not hold. Entries are never deleted, so a cached one stays true, also while other processes
 * add theirs.
 */
final class Dictionary {

    private final String table;
    private final String column;
    private final Map<String, Long> idByValue = new ConcurrentHashMap<>();
    private final Map<Long, String> valueById = new ConcurrentHashMap<>();
    /** Entries the writer's open transaction added; they join the caches when it commits. */
    private final Map<String, Long> uncommitted = new HashMap<>();

    Dictionary(String table, String column) {
        this.table = table;
        this.column = column;
    }

    /**
     * The id of {@code value}, adding it to the table when it is new. Runs on the writer's thread,
     * inside its transaction (which holds the file's write lock, so no other process adds the same
     * value meanwhile).
     */
    long idForWriting(Connection connection, String value) throws SQLException {
        Long id = idByValue.get(value);
        if (id == null) {
            id = uncommitted.get(value);
        }
        if (id == null) {
            id = find(connection, value);
            if (id == null) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + table + " (" + column + ") VALUES (?) RETURNING id")) {
                    insert.setString(1, value);
                    try (ResultSet row = insert.executeQuery()) {
                        row.next();
                        id = row.getLong(1);
                    }
                }
            }
            uncommitted.put(value, id);
        }
        return id;
    }

    /** The writer's transaction committed: what it added is in the file. */
    void committed() {
        uncommitted.forEach((value, id) -> {
            idByValue.put(value, id);
            valueById.put(id, value);
        });
        uncommitted.clear();
    }

    /** The writer's transaction rolled back: what it added is not in the file. */
    void rolledBack() {
        uncommitted.clear();
    }

    /**
     * The value whose id is {@code id}, on any connection.
     *
     * @throws IllegalArgumentException when the table has no such id
     */
    String value(Connection connection, long id) throws SQLException {
        String value = valueById.get(id);
        if (value != null) {
            return value;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + column + " FROM " + table + " WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException(table + " has no entry " + id);
                }
                value = row.getString(1);
            }
        }
        valueById.put(id, value);
        idByValue.putIfAbsent(value, id);
        return value;
    }

    private Long find(Connection connection, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM " + table + " WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : null;
            }
        }
    }
}
