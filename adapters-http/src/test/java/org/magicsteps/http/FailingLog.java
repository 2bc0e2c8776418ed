package org.magicsteps.http;

import java.util.List;

import org.magicsteps.core.domain.LogPage;
import org.magicsteps.core.domain.LogQuery;
import org.magicsteps.core.domain.PredictionRecord;
import org.magicsteps.core.memory.InMemoryPredictionLog;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.PortException;
import org.magicsteps.core.port.PredictionLog;

/** A prediction log that can be switched off, as a database that went away. */
final class FailingLog implements PredictionLog, HealthReporting {

    private final InMemoryPredictionLog delegate;
    volatile boolean down;

    FailingLog(InMemoryPredictionLog delegate) {
        this.delegate = delegate;
    }

    @Override
    public void append(List<PredictionRecord> records) {
        if (down) {
            throw new PortException("mongodb://secret-host:27017 timed out");
        }
        delegate.append(records);
    }

    @Override
    public LogPage query(LogQuery query) {
        if (down) {
            throw new PortException("mongodb://secret-host:27017 timed out");
        }
        return delegate.query(query);
    }

    @Override
    public int deleteBefore(java.time.Instant cutoff, int limit) {
        if (down) {
            throw new PortException("mongodb://secret-host:27017 timed out");
        }
        return delegate.deleteBefore(cutoff, limit);
    }

    @Override
    public ComponentHealth health() {
        return down ? new ComponentHealth("test-log", true, ComponentHealth.Status.DOWN, java.util.Map.of())
                : delegate.health();
    }
}
