package org.magicsteps.http;

import java.time.Instant;
import java.util.List;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.port.PredictionLog;

/**
 * A {@link PredictionLog} that counts the records it is given (also by model version and
 * predicted class) and the appends that fail.
 */
final class CountingPredictionLog implements PredictionLog {

    private final PredictionLog delegate;
    private final ServiceMetrics metrics;

    CountingPredictionLog(PredictionLog delegate, ServiceMetrics metrics) {
        this.delegate = delegate;
        this.metrics = metrics;
    }

    @Override
    public void append(List<PredictionRecord> records) {
        try {
            delegate.append(records);
            metrics.logWritten(records.size());
            metrics.modelPredictions(records);
        } catch (RuntimeException e) {
            metrics.logWriteFailed();
            throw e;
        }
    }

    @Override
    public LogPage query(LogQuery query) {
        return delegate.query(query);
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        return delegate.deleteBefore(cutoff, limit);
    }
}
