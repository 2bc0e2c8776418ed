package org.magicsteps.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.RedisApi;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.PortException;

/**
 * Login allowances on Redis, shared by every replica that uses the same Redis and key prefix:
 * bucket4j's token buckets through its lettuce integration, one key per allowance
 * ({@code <keyPrefix><key>}, such as {@code magic-steps:attempts:user:ana}), each updated by a
 * compare-and-swap script so that replicas never lose each other's attempts. A key expires once its
 * bucket would be full again, so Redis holds only allowances in use.
 *
 * <p>Like the feature store it connects on first use and reconnects on its own; while Redis is
 * away, {@link #tryAcquire} throws {@link PortException} (the HTTP layer then limits attempts in
 * its own process).
 */
public final class RedisAttemptLimiter implements AttemptLimiter, AutoCloseable {

    /** What a key outlives its bucket's refill by, so a slow clock on one replica cannot cut it short. */
    private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

    private final RedisSettings settings;
    private final String keyPrefix;
    private final LazyConnection<byte[]> redis;
    private final ProxyManager<String> buckets;

    RedisAttemptLimiter(RedisSettings settings, String keyPrefix, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (keyPrefix == null || keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("Redis key prefix of the login allowances must not be empty");
        }
        this.keyPrefix = keyPrefix;
        this.redis = new LazyConnection<>(settings, RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        Objects.requireNonNull(clock, "clock");
        this.buckets = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String>(new LazyRedisApi<>(redis))
                // Every replica reads the time from its own clock; they agree as far as NTP keeps them.
                .clientClock(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        Instant now = clock.instant();
                        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return true;
                    }
                })
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
                .requestTimeout(settings.commandTimeout())
                .build();
    }

    /**
     * Allowances under {@code keyPrefix} (for example {@code magic-steps:attempts:}) on the Redis of
     * {@code settings}. Does not connect yet.
     *
     * @throws IllegalArgumentException when the prefix is empty
     */
    public static RedisAttemptLimiter create(RedisSettings settings, String keyPrefix) {
        return new RedisAttemptLimiter(settings, keyPrefix, Clock.systemUTC());
    }

    /** @throws PortException when Redis cannot be reached or does not answer in time */
    @Override
    public Duration tryAcquire(String key, Allowance allowance) {
        Objects.requireNonNull(key, "key");
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(allowance.attempts())
                        .refillGreedy(allowance.attempts(), allowance.window()).build())
                .build();
        ConsumptionProbe probe;
        try {
            probe = buckets.builder().build(keyPrefix + key, () -> configuration).tryConsumeAndReturnRemaining(1);
        } catch (RedisException | io.github.bucket4j.TimeoutException e) {
            throw new PortException("Redis at " + settings.address() + " could not count a login attempt: "
                    + LazyConnection.describe(e), e);
        }
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    /** Closes the connection and its threads. */
    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisAttemptLimiter[" + settings.address() + ", keyPrefix=" + keyPrefix + "]";
    }

    /**
     * The three commands bucket4j needs, on the lazily opened shared connection. Generic in the key
     * type because bucket4j hands the keys over in an {@code Object[]}: a {@code String[]}
     * parameter would fail its cast.
     */
    private record LazyRedisApi<K>(LazyConnection<byte[]> redis) implements RedisApi<K> {

        @Override
        public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
            String[] names = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                names[i] = (String) keys[i];
            }
            return redis.async().eval(script, type, names, params);
        }

        @Override
        public RedisFuture<byte[]> get(K key) {
            return redis.async().get((String) key);
        }

        @Override
        public RedisFuture<?> delete(K key) {
            return redis.async().del((String) key);
        }
    }
}
