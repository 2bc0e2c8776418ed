package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.contract.AttemptLimiterContract;
import org.magicsteps.core.testing.ManualClock;

/** The in-process allowances: the port's contract, and bounded memory under a username spray. */
class Bucket4jAttemptLimiterTest extends AttemptLimiterContract {

    private static final Allowance TEN_PER_MINUTE = new Allowance(10, Duration.ofMinutes(1));

    @Override
    protected AttemptLimiter newLimiter(ManualClock clock) {
        return new Bucket4jAttemptLimiter(1_000, clock, ticking(clock));
    }

    /** A Caffeine ticker that follows the test's clock, so that expiry moves with it. */
    static com.github.benmanes.caffeine.cache.Ticker ticking(ManualClock clock) {
        Instant start = clock.instant();
        return () -> Duration.between(start, clock.instant()).toNanos();
    }

    @Test
    void aSprayOfAMillionUsernamesKeepsAtMostTheConfiguredNumberOfBuckets() {
        ManualClock clock = ManualClock.startingNow();
        Bucket4jAttemptLimiter limiter = new Bucket4jAttemptLimiter(10_000, clock, ticking(clock));
        long mostSeen = 0;
        for (int i = 0; i < 1_000_000; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire("user:spray-" + i, TEN_PER_MINUTE));
            if (i % 50_000 == 0) {
                mostSeen = Math.max(mostSeen, limiter.trackedKeys());
            }
        }
        mostSeen = Math.max(mostSeen, limiter.trackedKeys());
        assertTrue(mostSeen <= 10_000, "at most 10,000 buckets at any time, saw " + mostSeen);
    }

    @Test
    void aSprayCannotEvictTheBucketOfAnAccountUnderAttack() {
        ManualClock clock = ManualClock.startingNow();
        Bucket4jAttemptLimiter limiter = new Bucket4jAttemptLimiter(10_000, clock, ticking(clock));
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("user:ana", TEN_PER_MINUTE);
        }
        // The attacker sprays made-up names to push ana's empty bucket out, and keeps guessing ana's password.
        int refused = 0;
        int guesses = 0;
        for (int i = 0; i < 300_000; i++) { // 30 times what the cache holds
            limiter.tryAcquire("user:spray-" + i, TEN_PER_MINUTE);
            if (i % 100 == 0) {
                guesses++;
                if (!limiter.tryAcquire("user:ana", TEN_PER_MINUTE).isZero()) {
                    refused++;
                }
            }
        }
        assertEquals(guesses, refused, "every guess at ana was refused: her bucket was never dropped");
    }

    @Test
    void anUnusedBucketIsForgottenOnceItWouldBeFullAgain() {
        ManualClock clock = ManualClock.startingNow();
        Bucket4jAttemptLimiter limiter = new Bucket4jAttemptLimiter(1_000, clock, ticking(clock));
        for (int i = 0; i < 100; i++) {
            limiter.tryAcquire("address:10.0.0." + i, TEN_PER_MINUTE);
        }
        assertEquals(100, limiter.trackedKeys());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(100, limiter.trackedKeys(), "kept within the window");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, limiter.trackedKeys(), "forgotten once the window has passed unused");
    }
}
