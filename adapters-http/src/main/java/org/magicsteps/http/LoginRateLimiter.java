package org.magicsteps.http;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Limits {@code /token} attempts per username and per client address (token buckets from
 * bucket4j), so that guessing passwords is slow whether one account or many are tried.
 * Registrations draw on the same per-address allowance: each one costs a slow password hash, so
 * unlimited registrations would let anybody keep the CPU busy. Buckets
 * that are full again are dropped when the maps grow large, which keeps memory bounded under a
 * spray of made-up usernames.
 */
final class LoginRateLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private final int perUser;
    private final int perAddress;
    private final Duration window;
    private final ConcurrentHashMap<String, Bucket> byUser = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Bucket> byAddress = new ConcurrentHashMap<>();

    LoginRateLimiter(int perUser, int perAddress, Duration window) {
        this.perUser = perUser;
        this.perAddress = perAddress;
        this.window = window;
    }

    /**
     * Takes one attempt from the address's and the user's allowance.
     *
     * @return empty when the attempt may go ahead, else the seconds to wait before trying again
     */
    OptionalLong tryAttempt(String address, String username) {
        OptionalLong wait = take(byAddress, address, perAddress);
        if (wait.isPresent()) {
            return wait;
        }
        return take(byUser, username.toLowerCase(java.util.Locale.ROOT), perUser);
    }

    /**
     * Takes one attempt from the address's allowance only (registrations).
     *
     * @return empty when the attempt may go ahead, else the seconds to wait before trying again
     */
    OptionalLong tryFromAddress(String address) {
        return take(byAddress, address, perAddress);
    }

    private OptionalLong take(ConcurrentHashMap<String, Bucket> buckets, String key, int capacity) {
        if (buckets.size() > PRUNE_ABOVE) {
            buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return OptionalLong.of(seconds);
    }
}
