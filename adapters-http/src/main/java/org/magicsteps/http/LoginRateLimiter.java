package org.magicsteps.http;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.User;
import org.magicsteps.core.port.AttemptLimiter;
import org.magicsteps.core.port.AttemptLimiter.Allowance;
import org.magicsteps.core.port.PortException;

/**
 * Limits {@code /token} attempts per username and per client address, so that guessing passwords
 * is slow whether one account or many are tried. Registrations draw on the same per-address
 * allowance: each one costs a slow password hash, so unlimited registrations would let anybody keep
 * the CPU busy.
 *
 * <p>The allowances live in an {@link AttemptLimiter}: this process's own buckets, or a shared
 * store (Redis) so that every replica draws on the same ones. While the shared store cannot be
 * reached, this process's buckets stand in, so logins keep working and stay throttled, per replica.
 */
final class LoginRateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(LoginRateLimiter.class);

    private final AttemptLimiter limiter;
    private final AttemptLimiter standIn;
    private final Allowance perUser;
    private final Allowance perAddress;
    private final AtomicBoolean standingIn = new AtomicBoolean();

    /**
     * @param limiter where the allowances live
     * @param standIn used while {@code limiter} fails; may be {@code limiter} itself when it cannot fail
     */
    LoginRateLimiter(AttemptLimiter limiter, AttemptLimiter standIn, int perUser, int perAddress, Duration window) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.standIn = Objects.requireNonNull(standIn, "standIn");
        this.perUser = new Allowance(perUser, window);
        this.perAddress = new Allowance(perAddress, window);
    }

    /**
     * Takes one attempt from the address's and the user's allowance.
     *
     * @return empty when the attempt may go ahead, else the seconds to wait before trying again
     */
    OptionalLong tryAttempt(String address, String username) {
        OptionalLong wait = tryFromAddress(address);
        if (wait.isPresent()) {
            return wait;
        }
        return take(userKey(username), perUser);
    }

    /**
     * Takes one attempt from the address's allowance only (registrations).
     *
     * @return empty when the attempt may go ahead, else the seconds to wait before trying again
     */
    OptionalLong tryFromAddress(String address) {
        return take("address:" + address, perAddress);
    }

    /**
     * Usernames are matched case-blind, as the store finds them. One longer than any valid username
     * cannot log in; such names share one key, so that megabyte-long names cost no memory.
     */
    static String userKey(String username) {
        String name = username.toLowerCase(Locale.ROOT);
        int longest = User.MAX_USERNAME_LENGTH + 1;
        return "user:" + (name.length() > longest ? name.substring(0, longest) : name);
    }

    private OptionalLong take(String key, Allowance allowance) {
        Duration wait;
        try {
            wait = limiter.tryAcquire(key, allowance);
            if (limiter != standIn && standingIn.compareAndSet(true, false)) {
                LOG.info("login allowances are shared again");
            }
        } catch (PortException e) {
            if (standingIn.compareAndSet(false, true)) {
                LOG.warn("the shared login allowances are unreachable ({}); this process limits attempts on its own "
                        + "until they are back", e.getMessage());
            }
            wait = standIn.tryAcquire(key, allowance);
        }
        if (wait.isZero()) {
            return OptionalLong.empty();
        }
        long seconds = Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
        return OptionalLong.of(seconds);
    }
}
