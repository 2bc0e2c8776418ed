package org.magicsteps.core.domain;

import java.util.Objects;

/**
 * The authenticated caller of a use case.
 *
 * @param username who
 * @param role what they may do
 */
public record Actor(String username, Role role) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
