package org.magicsteps.core.port;

import java.time.Duration;
import java.util.Objects;

/**
 * Allowances of attempts that refill over time (token buckets), one per key: what slows down
 * password guessing. Whoever shares the limiter's store shares the allowances, so two replicas on
 * one Redis give an attacker one allowance, not two.
 *
 * <p>Implementations keep an allowance only while it is not full again: one that has not been used
 * for its whole window may be forgotten, since it would be full by then anyway.
 */
public interface AttemptLimiter {

    /**
     * At most {@code attempts} within {@code window}, given back evenly over the window.
     *
     * @param attempts how many attempts a fresh allowance holds, 1 or more
     * @param window how long an empty allowance takes to fill up again; positive
     */
    record Allowance(int attempts, Duration window) {

        /** @throws IllegalArgumentException when {@code attempts} is below 1 or the window is not positive */
        public Allowance {
            Objects.requireNonNull(window, "window");
            if (attempts < 1) {
                throw new IllegalArgumentException("an allowance needs at least 1 attempt, got " + attempts);
            }
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("an allowance's window must be positive, got " + window);
            }
        }
    }

    /**
     * Takes one attempt from the allowance of {@code key}, which starts full the first time the key
     * is seen. The allowance of a key is the one it was created with; callers use one allowance per
     * kind of key (for example {@code user:} and {@code address:} prefixes).
     *
     * @return {@link Duration#ZERO} when the attempt may go ahead; otherwise how long until the
     *     next attempt will be allowed (positive), and nothing was taken
     * @throws PortException when the store that keeps the allowances cannot be reached
     */
    Duration tryAcquire(String key, Allowance allowance);
}
