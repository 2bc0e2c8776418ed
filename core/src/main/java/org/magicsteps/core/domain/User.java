package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * Somebody who may call the service.
 *
 * @param username unique; 3–64 letters, digits or {@code . _ @ -}
 * @param fullName for people; may be empty
 * @param role what they may do
 * @param passwordHash their password, hashed
 * @param disabled a disabled user can neither log in nor use a token issued before
 * @param createdAt when the user was registered
 */
public record User(String username, String fullName, Role role, PasswordHash passwordHash, boolean disabled,
        Instant createdAt) {

    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 128;
    /** The longest username allowed. */
    public static final int MAX_USERNAME_LENGTH = 64;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3," + MAX_USERNAME_LENGTH + "}");

    public User {
        ValidationException.throwIfAny(checkUsername(username));
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
        // Stores keep milliseconds; truncating here makes a stored user equal the one registered.
        createdAt = Objects.requireNonNull(createdAt, "createdAt").truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        fullName = fullName == null ? "" : fullName.strip();
    }

    /** The same user, disabled. */
    public User disable() {
        return new User(username, fullName, role, passwordHash, true, createdAt);
    }

    /** The same user with another role. */
    public User withRole(Role newRole) {
        return new User(username, fullName, newRole, passwordHash, disabled, createdAt);
    }

    /** The same user with another password. */
    public User withPasswordHash(PasswordHash newHash) {
        return new User(username, fullName, role, newHash, disabled, createdAt);
    }

    public Actor asActor() {
        return new Actor(username, role);
    }

    /** Every rule {@code username} breaks. */
    public static List<Violation> checkUsername(String username) {
        if (username == null || username.isEmpty()) {
            return List.of(Violation.of("username", username, Kind.MISSING, "username: is required but missing"));
        }
        if (!USERNAME.matcher(username).matches()) {
            return List.of(Violation.of("username", username, Kind.INVALID,
                    "username: '" + username + "' must be 3 to 64 letters, digits or . _ @ -"));
        }
        return List.of();
    }

    /**
     * Every rule {@code password} breaks: it must be 8 to 128 characters, not only spaces, and
     * not the username itself. The password never appears in a message.
     */
    public static List<Violation> checkPassword(CharSequence password, String username) {
        List<Violation> violations = new ArrayList<>();
        if (password == null || password.length() == 0) {
            violations.add(Violation.of("password", null, Kind.MISSING, "password: is required but missing"));
        } else if (password.length() < MIN_PASSWORD_LENGTH) {
            violations.add(Violation.of("password", null, Kind.TOO_SHORT,
                    "password: must have at least " + MIN_PASSWORD_LENGTH + " characters, it has " + password.length()));
        } else if (password.length() > MAX_PASSWORD_LENGTH) {
            violations.add(Violation.of("password", null, Kind.TOO_LONG,
                    "password: must have at most " + MAX_PASSWORD_LENGTH + " characters, it has " + password.length()));
        } else if (password.toString().isBlank()) {
            violations.add(Violation.of("password", null, Kind.INVALID, "password: must not be only spaces"));
        } else if (password.toString().equalsIgnoreCase(username)) {
            violations.add(Violation.of("password", null, Kind.INVALID, "password: must not be the username"));
        }
        return violations;
    }
}
