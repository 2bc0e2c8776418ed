package org.magicsteps.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import org.magicsteps.core.port.AttemptLimiter;

/**
 * Allowances in this process: bucket4j's token buckets, kept in a Caffeine cache. A bucket
 * unused for its whole window is dropped (it would be full again by then, so nothing is lost),
 * and the cache never holds more than {@code maxKeys} buckets, however many made-up usernames a
 * spray brings: past that, Caffeine evicts the least valuable ones (a one-attempt stranger before a
 * key that keeps coming back). Lookups cost the same at any size; nothing ever scans the buckets.
 */
final class Bucket4jAttemptLimiter implements AttemptLimiter {

    /**
     * About 25 MB at most: a bucket with its cache entry and key keeps about 500 bytes (measured:
     * 50 MB retained at 100,000 buckets after a spray of 1 M names).
     */
    static final int DEFAULT_MAX_KEYS = 50_000;

    private record Entry(Bucket bucket, Duration window) {
    }

    private final Cache<String, Entry> buckets;
    private final TimeMeter time;

    /** Buckets refilled by the system clock, forgotten by the JVM's monotonic ticker. */
    Bucket4jAttemptLimiter(int maxKeys) {
        this(maxKeys, Clock.systemUTC(), Ticker.systemTicker());
    }

    /**
     * @param clock refills the buckets
     * @param ticker decides when an unused bucket is forgotten; tests pass one that follows {@code clock}
     */
    Bucket4jAttemptLimiter(int maxKeys, Clock clock, Ticker ticker) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, got " + maxKeys);
        }
        Objects.requireNonNull(clock, "clock");
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                java.time.Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfter(Expiry.accessing((String key, Entry entry) -> entry.window()))
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // Evictions run on the calling thread: no executor to shut down, no surprise later.
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Duration tryAcquire(String key, Allowance allowance) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(allowance, "allowance");
        Entry entry = buckets.get(key, k -> new Entry(newBucket(allowance), allowance.window()));
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** How many buckets are held, after pending evictions; for tests and the benchmark. */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(Allowance allowance) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(allowance.attempts())
                        .refillGreedy(allowance.attempts(), allowance.window()).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
