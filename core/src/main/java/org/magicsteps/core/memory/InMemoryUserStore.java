package org.magicsteps.core.memory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.UserStore;

/** A {@link UserStore} in a map; lost on restart. Safe for concurrent use. */
public final class InMemoryUserStore implements UserStore, HealthReporting {

    private final ConcurrentSkipListMap<String, User> users = new ConcurrentSkipListMap<>();

    @Override
    public Optional<User> find(String username) {
        return username == null ? Optional.empty() : Optional.ofNullable(users.get(username));
    }

    @Override
    public boolean add(User user) {
        return users.putIfAbsent(user.username(), user) == null;
    }

    @Override
    public boolean replace(User user) {
        return users.replace(user.username(), user) != null;
    }

    @Override
    public List<User> list() {
        return List.copyOf(users.values());
    }

    @Override
    public ComponentHealth health() {
        return ComponentHealth.up("in-memory", false);
    }
}
