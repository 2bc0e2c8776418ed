package org.magicsteps.http;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.memory.InMemoryFeatureStore;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.FeatureStore;
import org.magicsteps.core.port.PortException;

/** A feature store that can be switched off, as a Redis that went away. */
final class FailingFeatureStore implements FeatureStore, HealthReporting {

    private final InMemoryFeatureStore delegate;
    volatile boolean down;

    FailingFeatureStore(InMemoryFeatureStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<StudentFeatures> find(String studentId) {
        check();
        return delegate.find(studentId);
    }

    @Override
    public java.util.Map<String, StudentFeatures> findAll(java.util.Collection<String> studentIds) {
        check();
        return delegate.findAll(studentIds);
    }

    @Override
    public void put(String studentId, StudentFeatures features) {
        check();
        delegate.put(studentId, features);
    }

    @Override
    public List<String> studentIds() {
        check();
        return delegate.studentIds();
    }

    @Override
    public ComponentHealth health() {
        return down ? new ComponentHealth("test-redis", false, ComponentHealth.Status.DOWN, java.util.Map.of())
                : delegate.health();
    }

    private void check() {
        if (down) {
            throw new PortException("redis://127.0.0.1:6379 connection refused");
        }
    }
}
