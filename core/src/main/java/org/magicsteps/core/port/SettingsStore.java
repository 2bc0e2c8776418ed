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

    /** Sets the threshold and adds the change to the audit trail. */
    void saveThreshold(ThresholdSetting setting);

    /** The most recent threshold changes, newest first, at most {@code limit}. */
    List<ThresholdSetting> thresholdHistory(int limit);
}
