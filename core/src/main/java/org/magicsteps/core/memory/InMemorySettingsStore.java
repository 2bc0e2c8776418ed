package org.magicsteps.core.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;
import org.magicsteps.core.port.SettingsStore;

/** A {@link SettingsStore} in memory; lost on restart, seen only by this process. */
public final class InMemorySettingsStore implements SettingsStore, HealthReporting {

    private final Deque<ThresholdSetting> history = new ArrayDeque<>();

    @Override
    public synchronized Optional<ThresholdSetting> threshold() {
        return Optional.ofNullable(history.peekFirst());
    }

    @Override
    public synchronized void saveThreshold(ThresholdSetting setting) {
        history.addFirst(setting);
    }

    @Override
    public synchronized List<ThresholdSetting> thresholdHistory(int limit) {
        return history.stream().limit(limit).toList();
    }

    @Override
    public ComponentHealth health() {
        return ComponentHealth.up("in-memory", false);
    }
}
