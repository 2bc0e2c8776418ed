package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.RegistrationPolicy;
import org.magicsteps.core.domain.Role;
import org.magicsteps.core.domain.User;
import org.magicsteps.core.memory.InMemoryUserStore;
import org.magicsteps.core.memory.Pbkdf2PasswordHasher;
import org.magicsteps.core.port.UserStore;
import org.magicsteps.core.usecase.FindActiveUser;
import org.magicsteps.core.usecase.RegisterUser;

/** The 5-second memory of "this user exists and is enabled", on a ticker the test moves. */
class ActiveUsersTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final InMemoryUserStore users = new InMemoryUserStore();
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong();

    private ActiveUsers activeUsers() {
        return new ActiveUsers(new FindActiveUser(new CountingUsers(users, lookups)), TTL, nanos::get);
    }

    private void register(String name) {
        new RegisterUser(users, new Pbkdf2PasswordHasher(1_000), Clock.systemUTC(), RegistrationPolicy.OPEN)
                .executeAsOperator(new RegisterUser.Command(name, "senha123".toCharArray(), null, Role.USER));
    }

    @Test
    void aDisabledUserIsRefusedWithinFiveSeconds() {
        register("gabi");
        ActiveUsers active = activeUsers();
        assertEquals(Optional.of(new Actor("gabi", Role.USER)), active.find("gabi"));

        users.replace(users.find("gabi").orElseThrow().disable());
        nanos.addAndGet(TTL.minusMillis(1).toNanos());
        assertTrue(active.find("gabi").isPresent(), "still remembered 4.999 s after the lookup");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertEquals(Optional.empty(), active.find("gabi"), "refused once 5 s have passed");
    }

    @Test
    void aDeletedOrUnknownUserIsRefusedToo() {
        ActiveUsers active = activeUsers();
        assertEquals(Optional.empty(), active.find("ghost"));
        register("ghost");
        assertEquals(Optional.empty(), active.find("ghost"), "the absence is remembered as well, for 5 s");
        nanos.addAndGet(TTL.toNanos());
        assertTrue(active.find("ghost").isPresent());
    }

    @Test
    void aBusyClientCostsOneLookupPerFiveSeconds() {
        register("hugo");
        ActiveUsers active = activeUsers();
        for (int i = 0; i < 1_000; i++) {
            active.find("hugo");
            nanos.addAndGet(Duration.ofMillis(4).toNanos());
        }
        assertEquals(1, lookups.get(), "4 s of requests, one lookup");
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        active.find("hugo");
        assertEquals(2, lookups.get());
    }

    @Test
    void aPromotedUserGetsTheNewRoleWithinFiveSeconds() {
        register("ines");
        ActiveUsers active = activeUsers();
        assertEquals(Role.USER, active.find("ines").orElseThrow().role());
        users.replace(users.find("ines").orElseThrow().withRole(Role.ADMIN));
        nanos.addAndGet(TTL.toNanos());
        assertEquals(Role.ADMIN, active.find("ines").orElseThrow().role());
    }

    @Test
    void holdsAtMostItsMaximumWhateverTheNumberOfNames() {
        ActiveUsers active = activeUsers();
        for (int i = 0; i < 5 * ActiveUsers.MAX_ENTRIES; i++) {
            active.find("user-" + i);
        }
        assertTrue(active.size() <= ActiveUsers.MAX_ENTRIES, "held " + active.size());
    }

    @Test
    void aZeroTtlAsksTheStoreEveryTime() {
        register("joao");
        ActiveUsers active = new ActiveUsers(new FindActiveUser(new CountingUsers(users, lookups)), Duration.ZERO, nanos::get);
        active.find("joao");
        active.find("joao");
        assertEquals(2, lookups.get());
    }

    /** Counts the lookups that reach the store. */
    private record CountingUsers(UserStore store, AtomicInteger count) implements UserStore {

        @Override
        public Optional<User> find(String username) {
            count.incrementAndGet();
            return store.find(username);
        }

        @Override
        public boolean add(User user) {
            return store.add(user);
        }

        @Override
        public boolean replace(User user) {
            return store.replace(user);
        }

        @Override
        public List<User> list() {
            return store.list();
        }
    }
}
