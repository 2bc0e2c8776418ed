package org.magicsteps.core.memory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.FeatureStore;

/** A {@link FeatureStore} in a map; lost on restart. Safe for concurrent use. */
public final class InMemoryFeatureStore implements FeatureStore, HealthReporting {

    private final Map<String, StudentFeatures> byStudent = new ConcurrentSkipListMap<>();

    @Override
    public Optional<StudentFeatures> find(String studentId) {
        return Optional.ofNullable(byStudent.get(studentId));
    }

    @Override
    public Map<String, StudentFeatures> findAll(Collection<String> studentIds) {
        Map<String, StudentFeatures> found = new LinkedHashMap<>();
        for (String id : studentIds) {
            StudentFeatures features = byStudent.get(Objects.requireNonNull(id, "studentId"));
            if (features != null) {
                found.put(id, features);
            }
        }
        return found;
    }

    @Override
    public void put(String studentId, StudentFeatures features) {
        if (studentId == null || studentId.isBlank()) {
            throw new IllegalArgumentException("studentId must not be blank");
        }
        byStudent.put(studentId, Objects.requireNonNull(features, "features"));
    }

    @Override
    public List<String> studentIds() {
        return List.copyOf(byStudent.keySet());
    }

    @Override
    public ComponentHealth health() {
        return ComponentHealth.up("in-memory", false);
    }
}
