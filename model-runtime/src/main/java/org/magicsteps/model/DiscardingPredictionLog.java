package org.magicsteps.model;

import java.time.Instant;
import java.util.List;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.PredictionLog;

/**
 * A prediction log that keeps nothing: an embedding application that scores millions of
 * students must not grow an in-memory log it never reads. Wire core's use cases with a real
 * {@link PredictionLog} when predictions must be kept.
 */
final class DiscardingPredictionLog implements PredictionLog {

    @Override
    public void append(List<PredictionRecord> records) {
        // Kept nowhere, on purpose.
    }

    @Override
    public LogPage query(LogQuery query) {
        return LogPage.of(List.of(), query.limit());
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        return 0;
    }

}
