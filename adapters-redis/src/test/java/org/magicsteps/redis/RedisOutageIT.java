package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.Students;

/** Redis away at start-up, then there, then gone, then back: the store follows without a restart. */
class RedisOutageIT {

    private static final String PREFIX = "magic-steps-test:" + UUID.randomUUID() + ":outage:";
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static LocalRedis redis;

    @BeforeAll
    static void requireRedis() {
        redis = LocalRedis.connectOrFail();
    }

    @AfterAll
    static void deleteWhatTheTestWrote() {
        if (redis != null) {
            redis.deleteKeysStartingWith(PREFIX);
            redis.close();
        }
    }

    @Test
    void followsRedisThroughAnOutageWithoutARestart() throws Exception {
        StudentFeatures student = Students.student();
        try (TcpProxy proxy = new TcpProxy(LocalRedis.PORT);
             RedisFeatureStore store = RedisFeatureStore.create(
                     RedisSettings.of(LocalRedis.HOST, proxy.port()).withKeyPrefix(PREFIX))) {

            assertEquals(ComponentHealth.Status.DOWN, store.health().status());
            assertThrows(PortException.class, store::studentIds);

            proxy.start();
            eventually(() -> {
                store.put("RA-1", student);
                return true;
            });
            assertEquals(ComponentHealth.Status.UP, store.health().status());

            proxy.stop();
            eventually(() -> {
                try {
                    store.find("RA-1");
                    return false;
                } catch (PortException expected) {
                    return true;
                }
            });
            assertEquals(ComponentHealth.Status.DOWN, store.health().status());

            proxy.start();
            eventually(() -> store.find("RA-1").equals(Optional.of(student)));
            assertEquals(List.of("RA-1"), store.studentIds());
        }
    }

    /** Retries until {@code condition} holds; a PortException counts as "not yet". */
    private static void eventually(Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (PortException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        fail("not within " + PATIENCE + (last == null ? "" : ", last failure: " + last.getMessage()));
    }
}
