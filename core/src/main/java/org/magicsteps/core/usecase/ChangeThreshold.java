package org.magicsteps.core.usecase;

import java.time.Clock;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.Threshold;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.SettingsStore;

/**
 * An admin sets the decision threshold of a served model (the default one unless named); the
 * change is stored and audited, and applies to that model's version only.
 */
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
     * Sets the default model's threshold.
     *
     * @return the new setting
     * @throws AccessDeniedException when {@code actor} is not an admin
     * @throws org.magicsteps.core.domain.ValidationException when {@code value} is not within 0–1
     */
    public ThresholdSetting execute(Actor actor, double value) {
        return execute(actor, null, value);
    }

    /**
     * Sets the threshold of the model served as {@code model} (the default when {@code null}).
     *
     * @return the new setting
     * @throws AccessDeniedException when {@code actor} is not an admin
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     * @throws org.magicsteps.core.domain.ValidationException when {@code value} is not within 0–1
     */
    public ThresholdSetting execute(Actor actor, String model, double value) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may change the threshold");
        }
        ModelInfo info = readThreshold.models().info(model);
        ThresholdSetting setting = new ThresholdSetting(new Threshold(value), clock.instant(), actor.username(),
                info.version());
        settings.saveThreshold(setting);
        readThreshold.invalidate();
        return setting;
    }
}
