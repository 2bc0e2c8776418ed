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
 */
public final class AuthenticateUser {

    private final UserStore users;
    private final PasswordHasher hasher;
    private final PasswordHash decoy;

    public AuthenticateUser(UserStore users, PasswordHasher hasher) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.decoy = hasher.hash("a password no user has".toCharArray());
    }

    /** The user, when the password is theirs and they are not disabled; otherwise empty. */
    public Optional<Actor> execute(String username, char[] password) {
        Optional<User> user = users.find(username);
        boolean matches = hasher.matches(password == null ? new char[0] : password,
                user.map(User::passwordHash).orElse(decoy));
        return user.filter(u -> matches && !u.disabled()).map(User::asActor);
    }
}
