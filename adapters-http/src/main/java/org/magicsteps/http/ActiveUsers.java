package org.magicsteps.http;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.usecase.FindActiveUser;

/**
 * Whether a token's user still exists and is enabled, remembered for a short while so that a busy
 * client does not cost a store lookup per request. Only names from tokens whose signature checked
 * out reach this cache, so its size is bounded by the real users; it is cleared outright if it
 * ever grows past {@link #MAX_ENTRIES}.
 */
final class ActiveUsers {

    static final int MAX_ENTRIES = 10_000;

    private record Entry(Optional<Actor> actor, long expiresAtNanos) {
    }

    private final FindActiveUser findActiveUser;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();

    ActiveUsers(FindActiveUser findActiveUser, Duration ttl) {
        this.findActiveUser = findActiveUser;
        this.ttlNanos = ttl.toNanos();
    }

    /** The user's current role, when they exist and are enabled. */
    Optional<Actor> find(String username) {
        if (ttlNanos <= 0) {
            return findActiveUser.execute(username);
        }
        long now = System.nanoTime();
        Entry entry = cache.get(username);
        if (entry == null || now - entry.expiresAtNanos() >= 0) {
            if (cache.size() >= MAX_ENTRIES) {
                cache.clear();
            }
            entry = new Entry(findActiveUser.execute(username), now + ttlNanos);
            cache.put(username, entry);
        }
        return entry.actor();
    }
}
