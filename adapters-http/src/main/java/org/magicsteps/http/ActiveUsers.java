package org.magicsteps.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.usecase.FindActiveUser;

/**
 * Whether a token's user still exists and is enabled, remembered for {@code ttl} (5 s by default)
 * so that a busy client does not cost a store lookup per request; a user disabled or deleted
 * meanwhile is refused at most {@code ttl} later. Only names from tokens whose signature checked
 * out reach this cache, and it holds at most {@link #MAX_ENTRIES} of them (Caffeine evicts the
 * least valuable past that), so a flood of valid tokens cannot grow it either.
 */
final class ActiveUsers {

    static final int MAX_ENTRIES = 10_000;

    private final FindActiveUser findActiveUser;
    private final LoadingCache<String, Optional<Actor>> cache;

    ActiveUsers(FindActiveUser findActiveUser, Duration ttl) {
        this(findActiveUser, ttl, Ticker.systemTicker());
    }

    /** @param ticker tells the cache the time; tests move it by hand */
    ActiveUsers(FindActiveUser findActiveUser, Duration ttl, Ticker ticker) {
        this.findActiveUser = Objects.requireNonNull(findActiveUser, "findActiveUser");
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .expireAfterWrite(ttl)
                        .ticker(ticker)
                        .executor(Runnable::run)
                        .build(findActiveUser::execute);
    }

    /** The user's current role, when they exist and are enabled. */
    Optional<Actor> find(String username) {
        return cache == null ? findActiveUser.execute(username) : cache.get(username);
    }

    /** How many users are remembered, after pending evictions; for tests. */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }
}
