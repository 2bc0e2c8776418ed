package org.magicsteps.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.port.PortException;

/**
 * The drift of the last 24 hours for {@code /metrics}, measured at most once a minute: a scrape
 * within a minute of the last measurement reads that one, so frequent scrapes do not reread the
 * log. A failed measurement is not retried within the minute either, and the last good one stays.
 */
final class RecentDrift {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(RecentDrift.class);

    private final Supplier<DriftReport> measure;
    private final Clock clock;
    private DriftReport last;
    private Instant measuredAt;

    RecentDrift(Supplier<DriftReport> measure, Clock clock) {
        this.measure = measure;
        this.clock = clock;
    }

    synchronized Optional<DriftReport> current() {
        Instant now = clock.instant();
        if (measuredAt == null || !now.isBefore(measuredAt.plus(REFRESH))) {
            measuredAt = now;
            try {
                last = measure.get();
            } catch (PortException e) {
                LOG.warn("feature drift for /metrics could not be measured: {}", e.getMessage());
            }
        }
        return Optional.ofNullable(last);
    }
}
