package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.testing.ManualClock;

/** What every {@link AttemptLimiter} does. Time is the test's clock, so nothing sleeps. */
public abstract class AttemptLimiterContract {

    private static final Allowance THREE_PER_MINUTE = new Allowance(3, Duration.ofMinutes(1));

    /** A new limiter whose allowances refill by {@code clock}. */
    protected abstract AttemptLimiter newLimiter(ManualClock clock);

    private ManualClock clock;
    private AttemptLimiter limiter;
    /** Keys unique to this run, for stores shared with other runs. */
    private String key;

    @BeforeEach
    void createLimiter() {
        clock = ManualClock.startingNow();
        limiter = newLimiter(clock);
        key = "contract:" + UUID.randomUUID();
    }

    @Test
    void aFreshAllowanceLetsItsAttemptsThroughThenRefusesWithAWait() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire(key, THREE_PER_MINUTE), "attempt " + (i + 1));
        }
        Duration wait = limiter.tryAcquire(key, THREE_PER_MINUTE);
        assertTrue(wait.compareTo(Duration.ZERO) > 0 && wait.compareTo(Duration.ofSeconds(20)) <= 0,
                "one attempt comes back every 20 s; the wait was " + wait);
    }

    @Test
    void aRefusedAttemptTakesNothing() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(key, THREE_PER_MINUTE);
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire(key, THREE_PER_MINUTE).compareTo(Duration.ZERO) > 0);
        }
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Duration.ZERO, limiter.tryAcquire(key, THREE_PER_MINUTE),
                "after 20 s one attempt is back, however often the client was refused meanwhile");
    }

    @Test
    void attemptsComeBackOverTheWindow() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(key, THREE_PER_MINUTE);
        }
        clock.advance(Duration.ofSeconds(19));
        assertTrue(limiter.tryAcquire(key, THREE_PER_MINUTE).compareTo(Duration.ZERO) > 0, "not yet");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, limiter.tryAcquire(key, THREE_PER_MINUTE));
        clock.advance(Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, limiter.tryAcquire(key, THREE_PER_MINUTE), "full again: attempt " + (i + 1));
        }
        assertTrue(limiter.tryAcquire(key, THREE_PER_MINUTE).compareTo(Duration.ZERO) > 0, "and no fuller than full");
    }

    @Test
    void keysHaveAllowancesOfTheirOwn() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(key + ":a", THREE_PER_MINUTE);
        }
        assertTrue(limiter.tryAcquire(key + ":a", THREE_PER_MINUTE).compareTo(Duration.ZERO) > 0);
        assertEquals(Duration.ZERO, limiter.tryAcquire(key + ":b", THREE_PER_MINUTE));
    }

    @Test
    void anAllowanceRefusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Allowance(0, Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new Allowance(1, Duration.ZERO));
    }
}
