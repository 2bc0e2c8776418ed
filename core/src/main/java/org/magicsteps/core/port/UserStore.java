package org.magicsteps.core.port;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.User;

/** The registered users, by username. */
public interface UserStore {

    Optional<User> find(String username);

    /**
     * Adds {@code user} unless the username is taken; atomic, so two concurrent registrations of
     * one name cannot both succeed.
     *
     * @return {@code true} when added, {@code false} when the username was taken
     */
    boolean add(User user);

    /**
     * Replaces the stored user of the same username.
     *
     * @return {@code false} when there is no such user
     */
    boolean replace(User user);

    /** Every user, sorted by username. */
    List<User> list();
}
