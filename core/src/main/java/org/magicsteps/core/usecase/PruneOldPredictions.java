package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.magicsteps.core.port.PredictionLog;

/**
 * Keeps the prediction log to its retention period ({@code LOG_RETENTION_DAYS}): deletes the
 * records older than that, a small step at a time, so that a log that grew for years is pruned
 * without holding appends up (each step is one short write; appends that arrive meanwhile wait at
 * most one step). Whoever schedules it calls {@link #step()} again while a step deletes a full
 * {@link #STEP}, and now and then afterwards.
 */
public final class PruneOldPredictions {

    /** Records deleted by one step. */
    public static final int STEP = 500;

    private final PredictionLog log;
    private final Duration retention;
    private final Clock clock;

    /**
     * @throws IllegalArgumentException when {@code retention} is not positive
     */
    public PruneOldPredictions(PredictionLog log, Duration retention, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, got " + retention);
        }
    }

    public Duration retention() {
        return retention;
    }

    /** Records made before this instant are past the retention period. */
    public Instant cutoff() {
        return clock.instant().minus(retention);
    }

    /**
     * Deletes up to {@link #STEP} of the oldest records past the retention period.
     *
     * @return how many it deleted: {@link #STEP} when more may be waiting
     * @throws org.magicsteps.core.port.PortException when the log cannot delete now
     */
    public int step() {
        return log.deleteBefore(cutoff(), STEP);
    }
}
