package org.magicsteps.core.usecase;

import java.util.Objects;
import java.util.Optional;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.UserStore;

/**
 * The current role of a user who is registered and not disabled; used to reject tokens of users
 * deleted or disabled after the token was issued.
 */
public final class FindActiveUser {

    private final UserStore users;

    public FindActiveUser(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    public Optional<Actor> execute(String username) {
        return users.find(username).filter(u -> !u.disabled()).map(User::asActor);
    }
}
