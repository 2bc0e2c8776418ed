package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.contract.FeatureStoreContract;

/**
 * The feature store and the login allowances through Sentinel ({@code redis-sentinel://}): a
 * master with a password and a sentinel that watches it, both the test's own; the store asks the
 * sentinel where the master is.
 */
class RedisSentinelIT extends FeatureStoreContract<RedisFeatureStore> {

    private static final String PASSWORD = "sentinel-test-password-91c2";
    private static RedisServerProcess master;
    private static RedisServerProcess sentinel;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startMasterAndSentinel() throws IOException {
        Path dir = Files.createTempDirectory("magic-steps-redis-sentinel");
        master = RedisServerProcess.start(dir, false, port -> List.of("--port", Integer.toString(port),
                "--requirepass", PASSWORD));
        sentinel = RedisServerProcess.start(dir, false, port -> {
            Path config = dir.resolve("sentinel-" + port + ".conf");
            try {
                Files.writeString(config, "port " + port + "\n"
                        + "sentinel monitor mymaster 127.0.0.1 " + master.port() + " 1\n"
                        + "sentinel auth-pass mymaster " + PASSWORD + "\n"
                        + "sentinel down-after-milliseconds mymaster 60000\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(config.toString(), "--sentinel");
        });
    }

    @AfterAll
    static void stop() {
        if (sentinel != null) {
            sentinel.close();
        }
        if (master != null) {
            master.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    private static RedisSettings settings() {
        return RedisSettings.fromUrl("redis-sentinel://:" + PASSWORD + "@127.0.0.1:" + sentinel.port() + "/0#mymaster")
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3));
    }

    @Override
    protected String expectedImplementation() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster";
    }

    @Override
    protected boolean expectedPersistent() {
        return true;
    }

    /** How an unreachable Redis is reported is RedisFeatureStoreIT's test; this one is about the topology. */
    @Override
    protected Optional<RedisFeatureStore> failedStore() {
        return Optional.empty();
    }

    @Override
    protected RedisFeatureStore newStore() {
        RedisFeatureStore store = RedisFeatureStore.create(settings().withKeyPrefix("sentinel:" + UUID.randomUUID() + ":"));
        opened.add(store);
        return store;
    }

    @Test
    void healthNamesTheSentinelAndTheMasterNeverThePassword() {
        ComponentHealth health = newStore().health();
        assertEquals(ComponentHealth.Status.UP, health.status(), health + "\n" + sentinel.log());
        assertEquals("redis-sentinel://127.0.0.1:" + sentinel.port() + "#mymaster", health.implementation());
        assertFalse(health.toString().contains(PASSWORD));
    }

    @Test
    void theLoginAllowancesWorkThroughSentinelToo() {
        RedisAttemptLimiter limiter = RedisAttemptLimiter.create(settings(), "sentinel-attempts:");
        opened.add(limiter);
        Allowance one = new Allowance(1, Duration.ofMinutes(1));
        String key = "user:" + UUID.randomUUID();
        assertEquals(Duration.ZERO, limiter.tryAcquire(key, one));
        assertFalse(limiter.tryAcquire(key, one).isZero());
    }
}
