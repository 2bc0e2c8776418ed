package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.PasswordHash;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.UserStore;

/** What every {@link UserStore} does. */
public abstract class UserStoreContract<S extends UserStore & HealthReporting> extends HealthContract<S> {

    private static final Instant CREATED = Instant.parse("2026-02-03T04:05:06.789Z");

    /** A new, empty store. */
    protected abstract S newStore();

    private S store;

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private static User user(String name, Role role) {
        return new User(name, "Full Name of " + name, role, new PasswordHash("$pbkdf2-sha256$i=1000$c2FsdA$aGFzaA"),
                false, CREATED);
    }

    @Test
    void anAddedUserReadsBackExactly() {
        User ana = user("ana.souza@ong.org", Role.ADMIN);

        assertTrue(store.add(ana));

        assertEquals(Optional.of(ana), store.find("ana.souza@ong.org"));
    }

    @Test
    void anUnknownUserIsAbsent() {
        assertEquals(Optional.empty(), store.find("nobody"));
    }

    @Test
    void aTakenUsernameIsNotAddedAgain() {
        store.add(user("ana", Role.USER));

        assertFalse(store.add(user("ana", Role.ADMIN)));
        assertEquals(Role.USER, store.find("ana").orElseThrow().role());
    }

    @Test
    void replaceChangesAnExistingUserOnly() {
        store.add(user("ana", Role.USER));

        assertTrue(store.replace(user("ana", Role.USER).disable()));
        assertFalse(store.replace(user("bia", Role.USER)));

        assertTrue(store.find("ana").orElseThrow().disabled());
        assertEquals(Optional.empty(), store.find("bia"));
    }

    @Test
    void listIsSortedByUsername() {
        store.add(user("carla", Role.USER));
        store.add(user("ana", Role.ADMIN));
        store.add(user("bia", Role.USER));

        assertEquals(List.of("ana", "bia", "carla"), store.list().stream().map(User::username).toList());
    }

    @Test
    void concurrentRegistrationsOfOneNameLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                attempts.add(() -> store.add(user("contested", Role.USER)));
            }
            int wins = 0;
            for (Future<Boolean> result : pool.invokeAll(attempts)) {
                wins += result.get() ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    protected S usedStore() {
        store.find("anyone");
        return store;
    }
}
