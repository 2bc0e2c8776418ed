package org.magicsteps.core.usecase;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.UserStore;

/** Every registered user, sorted by username. */
public final class ListUsers {

    private final UserStore users;

    public ListUsers(UserStore users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    public List<User> execute() {
        return users.list();
    }
}
