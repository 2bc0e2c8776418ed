package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.testing.ManualClock;

/** The login limits on top of an {@link AttemptLimiter}: keys, waits, and a shared store that fails. */
class LoginRateLimiterTest {

    private final ManualClock clock = ManualClock.startingNow();
    private final Bucket4jAttemptLimiter own = new Bucket4jAttemptLimiter(1_000, clock,
            Bucket4jAttemptLimiterTest.ticking(clock));

    /** A shared store that can be cut off, and remembers the keys it was asked about. */
    private static final class Shared implements AttemptLimiter {
        final AttemptLimiter inner;
        final List<String> keys = new ArrayList<>();
        volatile boolean away;

        Shared(AttemptLimiter inner) {
            this.inner = inner;
        }

        @Override
        public Duration tryAcquire(String key, Allowance allowance) {
            if (away) {
                throw new PortException("redis://cache:6379 connection refused");
            }
            keys.add(key);
            return inner.tryAcquire(key, allowance);
        }
    }

    @Test
    void whileTheSharedStoreIsAwayThisProcessKeepsLimiting() {
        ManualClock sharedClock = ManualClock.startingNow();
        Shared shared = new Shared(new Bucket4jAttemptLimiter(1_000, sharedClock,
                Bucket4jAttemptLimiterTest.ticking(sharedClock)));
        LoginRateLimiter limiter = new LoginRateLimiter(shared, own, 2, 100, Duration.ofMinutes(1));
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("198.51.100.1", "ana"));
        shared.away = true;
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("198.51.100.1", "ana"), "logins keep working");
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("198.51.100.1", "ana"));
        OptionalLong wait = limiter.tryAttempt("198.51.100.1", "ana");
        assertTrue(wait.isPresent(), "and stay limited, by this process's own buckets");
        shared.away = false;
        assertEquals(OptionalLong.empty(), limiter.tryAttempt("198.51.100.1", "ana"),
                "back on the shared allowance, which saw one attempt of two");
        assertTrue(limiter.tryAttempt("198.51.100.1", "ana").isPresent());
        assertEquals(List.of("address:198.51.100.1", "user:ana", "address:198.51.100.1", "user:ana",
                "address:198.51.100.1", "user:ana"), shared.keys);
    }

    @Test
    void theWaitIsInWholeSecondsRoundedUp() {
        LoginRateLimiter limiter = new LoginRateLimiter(own, own, 3, 100, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.tryAttempt("198.51.100.1", "bia");
        }
        assertEquals(OptionalLong.of(20), limiter.tryAttempt("198.51.100.1", "bia"));
        clock.advance(Duration.ofMillis(19_500));
        assertEquals(OptionalLong.of(1), limiter.tryAttempt("198.51.100.1", "bia"));
    }

    @Test
    void usernamesAreCaseBlindAndOverlongOnesShareOneKey() {
        assertEquals("user:ana", LoginRateLimiter.userKey("ANA"));
        String a = LoginRateLimiter.userKey("x".repeat(1_000_000) + "a");
        String b = LoginRateLimiter.userKey("x".repeat(500) + "b");
        assertEquals(a, b);
        assertEquals("user:".length() + 65, a.length(), "no megabyte keys in memory or in Redis");
    }
}
