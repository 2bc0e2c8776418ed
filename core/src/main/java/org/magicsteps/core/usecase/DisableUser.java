package org.magicsteps.core.usecase;

import java.util.Objects;

import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.UserStore;

/** Disables a user: they can no longer log in, and their tokens stop working. */
public final class DisableUser {

    private final UserStore users;

    public DisableUser(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    /**
     * @return the disabled user
     * @throws NotFoundException when there is no such user
     */
    public User execute(String username) {
        User user = users.find(username).orElseThrow(() -> new NotFoundException("no user '" + username + "'"));
        User disabled = user.disable();
        if (!users.replace(disabled)) {
            throw new NotFoundException("no user '" + username + "'");
        }
        return disabled;
    }
}
