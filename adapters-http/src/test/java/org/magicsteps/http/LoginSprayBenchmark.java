package org.magicsteps.http;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code /token} attempt's trip through the login limits while a spray of made-up usernames
 * goes on: after {@code sprayed} distinct names, each call brings yet another. The Caffeine-bounded
 * limiter should cost the same at any size; the limiter it replaced (kept below as it was, for the
 * comparison) scanned its whole map on every attempt once it held 10,000 names.
 *
 * <p>{@code mvn -B -pl adapters-http -am verify -DskipTests -Pbench}
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LoginSprayBenchmark {

    @Param({"0", "100000", "1000000"})
    public int sprayed;

    private LoginRateLimiter limiter;
    private long next;

    @Setup(Level.Trial)
    public void spray() {
        Bucket4jAttemptLimiter own = new Bucket4jAttemptLimiter(Bucket4jAttemptLimiter.DEFAULT_MAX_KEYS);
        limiter = new LoginRateLimiter(own, own, 10, Integer.MAX_VALUE, Duration.ofMinutes(1));
        for (int i = 0; i < sprayed; i++) {
            limiter.tryAttempt("203.0.113.7", "spray-" + i);
        }
        next = sprayed;
    }

    @Benchmark
    public OptionalLong attemptWithAFreshUsername() {
        return limiter.tryAttempt("203.0.113.7", "spray-" + next++);
    }

    /** The limiter as it was before Caffeine, for the "before" figures. */
    @State(Scope.Benchmark)
    public static class Before {

        @Param({"0", "20000", "50000"})
        public int sprayed;

        private final ConcurrentHashMap<String, Bucket> byUser = new ConcurrentHashMap<>();
        private long next;

        @Setup(Level.Trial)
        public void spray() {
            for (int i = 0; i < sprayed; i++) {
                take("spray-" + i);
            }
            next = sprayed;
        }

        OptionalLong take(String key) {
            if (byUser.size() > 10_000) {
                byUser.values().removeIf(b -> b.getAvailableTokens() >= 10);
            }
            Bucket bucket = byUser.computeIfAbsent(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(10).refillGreedy(10, Duration.ofMinutes(1)).build()).build());
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? OptionalLong.empty() : OptionalLong.of(probe.getNanosToWaitForRefill());
        }
    }

    @Benchmark
    public OptionalLong beforeAttemptWithAFreshUsername(Before before) {
        return before.take("spray-" + before.next++);
    }
}
