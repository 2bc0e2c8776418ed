package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.magicsteps.core.domain.Role;
import org.magicsteps.core.testing.ManualClock;

/**
 * The memory of verified tokens: it saves the full check of a token seen a moment ago, and never
 * lets a token live longer than the full check would, nor a refused one through.
 */
class VerifiedTokensTest {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final ManualClock clock = ManualClock.startingNow();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger fullChecks = new AtomicInteger();
    /** What the full check says of each token: what JwtTokens would. */
    private final Map<String, JwtTokens.Verified> valid = new HashMap<>();

    private VerifiedTokens tokens(Duration ttl) {
        return new VerifiedTokens(token -> {
            fullChecks.incrementAndGet();
            return Optional.ofNullable(valid.get(token));
        }, clock, ttl, nanos::get);
    }

    private JwtTokens.Verified validFor(String token, Duration lifetime) {
        JwtTokens.Verified verified = new JwtTokens.Verified("ana", Role.USER, "id-" + token,
                clock.instant().plus(lifetime));
        valid.put(token, verified);
        return verified;
    }

    @Test
    void aTokenSeenAMomentAgoIsNotCheckedAgain() {
        VerifiedTokens tokens = tokens(TTL);
        JwtTokens.Verified verified = validFor("t1", Duration.ofMinutes(30));
        assertEquals(Optional.of(verified), tokens.verify("t1"));
        nanos.addAndGet(TTL.minusMillis(1).toNanos());
        assertEquals(Optional.of(verified), tokens.verify("t1"));
        assertEquals(1, fullChecks.get());
    }

    @Test
    void afterTheTtlTheFullCheckDecidesAgain() {
        VerifiedTokens tokens = tokens(TTL);
        validFor("t1", Duration.ofMinutes(30));
        tokens.verify("t1");
        valid.remove("t1");
        nanos.addAndGet(TTL.toNanos());
        assertEquals(Optional.empty(), tokens.verify("t1"), "no longer remembered once 5 s have passed");
        assertEquals(2, fullChecks.get());
    }

    @Test
    void aRememberedTokenIsNotHonouredPastItsExpiry() {
        VerifiedTokens tokens = tokens(TTL);
        validFor("t1", Duration.ofSeconds(2));
        tokens.verify("t1");
        valid.remove("t1");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Optional.empty(), tokens.verify("t1"), "expired, though checked less than 5 s ago");
        assertEquals(2, fullChecks.get());
    }

    @Test
    void anAlreadyExpiredTokenIsNeverRemembered() {
        VerifiedTokens tokens = tokens(TTL);
        // JwtTokens accepts a token up to 30 s past its exp (clock skew); the full check decides each time.
        validFor("late", Duration.ofSeconds(-10));
        tokens.verify("late");
        tokens.verify("late");
        assertEquals(2, fullChecks.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void refusedTokensAreCheckedEveryTimeAndNotRemembered() {
        VerifiedTokens tokens = tokens(TTL);
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), tokens.verify("forged"));
        }
        assertEquals(3, fullChecks.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void aZeroTtlRemembersNothing() {
        VerifiedTokens tokens = tokens(Duration.ZERO);
        validFor("t1", Duration.ofMinutes(30));
        tokens.verify("t1");
        tokens.verify("t1");
        assertEquals(2, fullChecks.get());
    }

    @Test
    void eachTokenIsRememberedOnItsOwn() {
        VerifiedTokens tokens = tokens(TTL);
        validFor("t1", Duration.ofMinutes(30));
        validFor("t2", Duration.ofMinutes(30));
        tokens.verify("t1");
        tokens.verify("t2");
        tokens.verify("t1");
        tokens.verify("t2");
        assertEquals(2, fullChecks.get());
        assertEquals(2, tokens.size());
    }
}
