package org.magicsteps.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.contract.AttemptLimiterContract;
import org.magicsteps.core.testing.ManualClock;

/** Shared login allowances on the real Redis of 127.0.0.1:6379, under a prefix of this run. */
class RedisAttemptLimiterIT extends AttemptLimiterContract {

    private static final String RUN_PREFIX = "magic-steps-test:" + UUID.randomUUID() + ":attempts:";
    private static LocalRedis redis;

    private final List<RedisAttemptLimiter> opened = new ArrayList<>();

    @BeforeAll
    static void requireRedis() {
        redis = LocalRedis.connectOrFail();
    }

    @AfterAll
    static void deleteWhatTheRunWrote() {
        if (redis != null) {
            redis.deleteKeysStartingWith(RUN_PREFIX);
            redis.close();
        }
    }

    @AfterEach
    void closeLimiters() {
        opened.forEach(RedisAttemptLimiter::close);
    }

    @Override
    protected AttemptLimiter newLimiter(ManualClock clock) {
        return open(clock);
    }

    private RedisAttemptLimiter open(ManualClock clock) {
        RedisAttemptLimiter limiter = new RedisAttemptLimiter(LocalRedis.settings("unused:"), RUN_PREFIX, clock);
        opened.add(limiter);
        return limiter;
    }

    @Test
    void twoReplicasDrawOnOneAllowance() {
        ManualClock clock = ManualClock.startingNow();
        RedisAttemptLimiter one = open(clock);
        RedisAttemptLimiter two = open(clock);
        Allowance four = new Allowance(4, Duration.ofMinutes(1));
        String key = "user:shared-" + UUID.randomUUID();
        assertEquals(Duration.ZERO, one.tryAcquire(key, four));
        assertEquals(Duration.ZERO, two.tryAcquire(key, four));
        assertEquals(Duration.ZERO, one.tryAcquire(key, four));
        assertEquals(Duration.ZERO, two.tryAcquire(key, four));
        assertTrue(one.tryAcquire(key, four).compareTo(Duration.ZERO) > 0, "four in all, whichever replica counted them");
        assertTrue(two.tryAcquire(key, four).compareTo(Duration.ZERO) > 0);
    }

    @Test
    void aKeyLivesOnlyUntilItsBucketWouldBeFullAgain() {
        RedisAttemptLimiter limiter = open(ManualClock.startingNow());
        String key = "address:ttl-" + UUID.randomUUID();
        limiter.tryAcquire(key, new Allowance(3, Duration.ofMinutes(1)));
        long ttl = redis.commands().pttl(RUN_PREFIX + key);
        assertTrue(ttl > 0 && ttl <= Duration.ofSeconds(70).toMillis(), "PTTL " + ttl);
    }

    @Test
    void anUnreachableRedisIsAPortException() throws Exception {
        int closedPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (RedisAttemptLimiter away = RedisAttemptLimiter.create(
                RedisSettings.of("127.0.0.1", closedPort).withPassword("a-password-never-shown"), "x:")) {
            PortException e = assertThrows(PortException.class,
                    () -> away.tryAcquire("user:ana", new Allowance(3, Duration.ofMinutes(1))));
            assertTrue(e.getMessage().contains("redis://127.0.0.1:" + closedPort), e.getMessage());
            assertTrue(!e.getMessage().contains("a-password-never-shown"));
        }
    }
}
