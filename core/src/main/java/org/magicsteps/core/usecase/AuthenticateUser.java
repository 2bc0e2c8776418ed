package org.magicsteps.core.usecase;

import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.PasswordHasher;
import org.magicsteps.core.port.UserStore;

/**
 * Checks a username and password. An unknown user costs the same hash computation as a known
 * one, so the time taken does not reveal who is registered.
 *
 * <p>The decoy an unknown user is checked against is hashed at the first check, not when this use
 * case is built (half a second of CPU at the production cost, which held up the server's start on
 * two cores): the first check costs two hashes, whoever asks, so it tells nothing either.
 */
public final class AuthenticateUser {

    private final UserStore users;
    private final PasswordHasher hasher;
    private volatile PasswordHash decoy;

    public AuthenticateUser(UserStore users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    /** The user, when the password is theirs and they are not disabled; otherwise empty. */
    public Optional<Actor> execute(String username, char[] password) {
        // Known and unknown users alike get the decoy first, so that not even the first check tells them apart.
        PasswordHash unknownUsers = decoy();
        Optional<User> user = users.find(username);
        boolean matches = hasher.matches(password == null ? new char[0] : password,
                user.map(User::passwordHash).orElse(unknownUsers));
        return user.filter(u -> matches && !u.disabled()).map(User::asActor);
    }

    private PasswordHash decoy() {
        PasswordHash hash = decoy;
        if (hash == null) {
            synchronized (this) {
                if (decoy == null) {
                    decoy = hasher.hash("a password no user has".toCharArray());
                }
                hash = decoy;
            }
        }
        return hash;
    }
}
