package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.SettingsStore;

/** An admin sets the decision threshold for the loaded model; the change is stored and audited. */
public final class ChangeThreshold {

    private final SettingsStore settings;
    private final ReadThreshold readThreshold;
    private final Clock clock;

    public ChangeThreshold(SettingsStore settings, ReadThreshold readThreshold, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.readThreshold = Objects.requireNonNull(readThreshold, "readThreshold");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @return the new setting
     * @throws AccessDeniedException when {@code actor} is not an admin
     * @throws org.magicsteps.core.domain.ValidationException when {@code value} is not within 0–1
     */
    public ThresholdSetting execute(Actor actor, double value) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may change the threshold");
        }
        ThresholdSetting setting = new ThresholdSetting(new Threshold(value), clock.instant(), actor.username(),
                readThreshold.modelVersion());
        settings.saveThreshold(setting);
        readThreshold.invalidate();
        return setting;
    }
}
