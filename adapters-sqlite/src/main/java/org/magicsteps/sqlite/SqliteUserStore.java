package org.magicsteps.sqlite;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.UserStore;

/**
 * The users in the {@code users} table, keyed by username. {@link #add} inserts unless the name is
 * taken, in one statement: SQLite runs one write transaction at a time across every process on the
 * file, so two registrations of one name cannot both win.
 */
public final class SqliteUserStore implements UserStore, HealthReporting {

    private static final String COLUMNS = "username, full_name, role, password_hash, disabled, created_at";

    private final Database database;

    SqliteUserStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<User> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        return database.readers().read("reading user '" + username + "'", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM users WHERE username = ?")) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(read(row)) : Optional.<User>empty();
                }
            }
        });
    }

    @Override
    public boolean add(User user) {
        return database.writer().write("adding user '" + user.username() + "'", connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO NOTHING")) {
                bind(insert, user);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean replace(User user) {
        return database.writer().write("replacing user '" + user.username() + "'", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE users SET username = ?,"
                    + " full_name = ?, role = ?, password_hash = ?, disabled = ?, created_at = ? WHERE username = ?")) {
                bind(update, user);
                update.setString(7, user.username());
                return update.executeUpdate() == 1;
            }
        });
    }

    @Override
    public List<User> list() {
        return database.readers().read("listing users", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM users ORDER BY username");
                    ResultSet rows = select.executeQuery()) {
                List<User> users = new ArrayList<>();
                while (rows.next()) {
                    users.add(read(rows));
                }
                return users;
            }
        });
    }

    @Override
    public ComponentHealth health() {
        return database.health(Map.of());
    }

    /** Binds the user's fields to parameters 1 to 6, in the order of {@link #COLUMNS}. */
    private static void bind(PreparedStatement statement, User user) throws SQLException {
        statement.setString(1, user.username());
        statement.setString(2, user.fullName());
        statement.setString(3, user.role().label());
        statement.setString(4, user.passwordHash().encoded());
        statement.setInt(5, user.disabled() ? 1 : 0);
        statement.setLong(6, user.createdAt().toEpochMilli());
    }

    private User read(ResultSet row) throws SQLException {
        String username = row.getString(1);
        try {
            return new User(username, row.getString(2), Role.fromLabel(row.getString(3)),
                    new PasswordHash(row.getString(4)), row.getInt(5) != 0, Instant.ofEpochMilli(row.getLong(6)));
        } catch (RuntimeException e) {
            // The message of a bad hash never holds the hash; the others hold no secret.
            throw new PortException(database.file() + ": the user '" + username + "' cannot be read: "
                    + e.getMessage(), e);
        }
    }
}
