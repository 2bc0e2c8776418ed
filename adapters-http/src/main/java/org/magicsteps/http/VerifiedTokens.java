package org.magicsteps.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Tokens whose signature and claims {@link JwtTokens} checked, remembered for a few seconds, so
 * that a client sending the same token again does not pay the HMAC and the claims' parsing on
 * every request (a tenth of a single {@code /predict}'s CPU, measured in bench/RESULTS.md).
 *
 * <p>What it does not change: a token is remembered only after it passed the full check, never
 * past its {@code exp} (checked again on every hit, against the clock nimbus checks it by), and
 * at most {@code ttl} after it was checked, the same few seconds {@link ActiveUsers} remembers a
 * user for; whether the user still exists and is enabled, and their role, are asked of
 * {@link ActiveUsers} on every request as before. Refused tokens are not remembered (a flood of
 * bad tokens costs what it cost), and at most {@link #MAX_ENTRIES} good ones are, keyed by the
 * SHA-256 of the token rather than the token itself.
 */
final class VerifiedTokens {

    static final int MAX_ENTRIES = 10_000;

    /** A verified token and when it expires. */
    private record Entry(JwtTokens.Verified verified, Instant expiresAt) {
    }

    private final Function<String, Optional<JwtTokens.Verified>> fullCheck;
    private final Clock clock;
    private final Cache<String, Entry> cache;

    /**
     * @param clock the clock nimbus's claims verifier reads (the system's), against which a
     *     remembered token's {@code exp} is checked on every hit
     */
    VerifiedTokens(JwtTokens tokens, Clock clock, Duration ttl) {
        this(tokens::verify, clock, ttl, Ticker.systemTicker());
    }

    /**
     * @param fullCheck verifies a token from scratch ({@link JwtTokens#verify})
     * @param ticker tells the cache the time since an entry was written; tests move it by hand
     */
    VerifiedTokens(Function<String, Optional<JwtTokens.Verified>> fullCheck, Clock clock, Duration ttl,
            Ticker ticker) {
        this.fullCheck = Objects.requireNonNull(fullCheck, "fullCheck");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = ttl.isZero() || ttl.isNegative() ? null
                : Caffeine.newBuilder()
                        .maximumSize(MAX_ENTRIES)
                        .expireAfter(new UntilExpiryAtMost(clock, ttl.toNanos()))
                        .ticker(ticker)
                        .executor(Runnable::run)
                        .build();
    }

    /** What the token says when it is one of ours and still valid; empty otherwise. */
    Optional<JwtTokens.Verified> verify(String token) {
        if (cache == null) {
            return fullCheck.apply(token);
        }
        String key = sha256(token);
        Entry entry = cache.getIfPresent(key);
        if (entry != null && clock.instant().isBefore(entry.expiresAt())) {
            return Optional.of(entry.verified());
        }
        Optional<JwtTokens.Verified> verified = fullCheck.apply(token);
        verified.ifPresent(v -> {
            if (v.expiresAt() != null && clock.instant().isBefore(v.expiresAt())) {
                cache.put(key, new Entry(v, v.expiresAt()));
            }
        });
        return verified;
    }

    /** How many tokens are remembered, after pending evictions; for tests. */
    long size() {
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** An entry lives until its token's {@code exp} or for {@code ttl}, whichever comes first. */
    private record UntilExpiryAtMost(Clock clock, long ttlNanos) implements Expiry<String, Entry> {

        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            Duration untilExpiry = Duration.between(clock.instant(), entry.expiresAt());
            return untilExpiry.compareTo(Duration.ofNanos(ttlNanos)) > 0 ? ttlNanos : Math.max(0, untilExpiry.toNanos());
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
