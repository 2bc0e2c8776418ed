package org.magicsteps.core.port;

import java.util.List;
import java.util.Optional;

import org.magicsteps.core.domain.ThresholdSetting;

/**
 * Settings that must survive restarts and be shared by every replica of the service, with an
 * audit trail of their changes.
 */
public interface SettingsStore {

    /** The threshold last set, if anybody has set one. */
    Optional<ThresholdSetting> threshold();

    /**
     * The threshold last set for the model of {@code modelVersion}, if anybody has set one: each
     * model served keeps its own. This default reads the audit trail, newest first; a store that
     * can look one version up directly does so.
     */
    default Optional<ThresholdSetting> threshold(String modelVersion) {
        return thresholdHistory(Integer.MAX_VALUE).stream()
                .filter(setting -> setting.modelVersion().equals(modelVersion))
                .findFirst();
    }

    /** Sets the threshold and adds the change to the audit trail. */
    void saveThreshold(ThresholdSetting setting);

    /** The most recent threshold changes, newest first, at most {@code limit}. */
    List<ThresholdSetting> thresholdHistory(int limit);
}
