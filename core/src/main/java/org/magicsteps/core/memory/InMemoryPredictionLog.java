package org.magicsteps.core.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.magicsteps.core.domain.LogCursor;
import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PredictionLog;

/**
 * A {@link PredictionLog} in memory, kept in the log's newest-first order; lost on restart, and
 * bounded only by {@link #deleteBefore} (the retention use case), so for tests and short-lived
 * embedding. Safe for concurrent use.
 */
public final class InMemoryPredictionLog implements PredictionLog, HealthReporting {

    private static final Comparator<LogCursor> NEWEST_FIRST = Comparator
            .comparing(LogCursor::timestamp).thenComparing(LogCursor::predictionId).reversed();

    private final NavigableMap<LogCursor, PredictionRecord> records = new ConcurrentSkipListMap<>(NEWEST_FIRST);
    private final Map<String, LogCursor> positionById = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void append(List<PredictionRecord> batch) {
        for (PredictionRecord record : batch) {
            LogCursor position = LogCursor.after(record);
            if (positionById.putIfAbsent(record.predictionId(), position) == null) {
                records.put(position, record);
            }
        }
    }

    @Override
    public LogPage query(LogQuery query) {
        Map<LogCursor, PredictionRecord> candidates = query.after() == null
                ? records : records.tailMap(query.after(), false);
        List<PredictionRecord> matching = new ArrayList<>();
        for (PredictionRecord record : candidates.values()) {
            if (query.matches(record)) {
                matching.add(record);
                if (matching.size() > query.limit()) {
                    break;
                }
            }
        }
        return LogPage.of(matching, query.limit());
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        int deleted = 0;
        // The map is newest first, so its descending view starts at the oldest record.
        for (Map.Entry<LogCursor, PredictionRecord> oldest : records.descendingMap().entrySet()) {
            if (deleted == limit || !oldest.getKey().timestamp().isBefore(cutoff)) {
                break;
            }
            if (records.remove(oldest.getKey()) != null) {
                positionById.remove(oldest.getValue().predictionId());
                deleted++;
            }
        }
        return deleted;
    }

    /** How many records are held. */
    public int size() {
        return records.size();
    }

    @Override
    public ComponentHealth health() {
        return new ComponentHealth("in-memory", false, ComponentHealth.Status.UP, Map.of("records", records.size()));
    }
}
