package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.SettingsStore;

/**
 * The threshold in force: the one last set for the loaded model, else the model's default.
 *
 * <p>Every prediction needs it, so it is read from the store at most once per {@code refresh}
 * period; a change made by another replica is seen within that period.
 */
public final class ReadThreshold {

    /** Short enough that every replica sees a change within a second. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(500);

    private final SettingsStore settings;
    private final ModelInfo model;
    private final Clock clock;
    private final Duration refresh;

    private volatile Cached cached;

    private record Cached(ThresholdSetting setting, Instant readAt) {
    }

    public ReadThreshold(SettingsStore settings, Predictor predictor, Clock clock, Duration refresh) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.model = predictor.info();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    public ReadThreshold(SettingsStore settings, Predictor predictor) {
        this(settings, predictor, Clock.systemUTC(), DEFAULT_REFRESH);
    }

    /** The threshold in force, with who set it when. */
    public ThresholdSetting current() {
        Cached snapshot = cached;
        Instant now = clock.instant();
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(refresh))) {
            snapshot = new Cached(load(), now);
            cached = snapshot;
        }
        return snapshot.setting();
    }

    /** The model's own default, as a setting. */
    public ThresholdSetting modelDefault() {
        return new ThresholdSetting(model.defaultThreshold(), model.createdAt(), ThresholdSetting.MODEL_DEFAULT,
                model.version());
    }

    /** Forgets the cached value, so that the next read goes to the store. */
    void invalidate() {
        cached = null;
    }

    String modelVersion() {
        return model.version();
    }

    private ThresholdSetting load() {
        return settings.threshold()
                .filter(s -> s.modelVersion().equals(model.version()))
                .orElseGet(this::modelDefault);
    }
}
