package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.magicsteps.core.domain.ModelInfo;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.port.Predictor;
import org.magicsteps.core.port.SettingsStore;

/**
 * The threshold in force for a model: the one last set for that model's version, else the
 * model's default. Each model served keeps its own.
 *
 * <p>Every prediction needs it, so each model's is read from the store at most once per
 * {@code refresh} period; a change made by another replica is seen within that period.
 */
public final class ReadThreshold {

    /** Short enough that every replica sees a change within a second. */
    public static final Duration DEFAULT_REFRESH = Duration.ofMillis(500);

    private final SettingsStore settings;
    private final ServedModels models;
    private final Clock clock;
    private final Duration refresh;

    /** By model version. */
    private final Map<String, Cached> cached = new ConcurrentHashMap<>();

    private record Cached(ThresholdSetting setting, Instant readAt) {
    }

    /** The threshold of the models served by {@code models}; {@link #current()} is the default model's. */
    public ReadThreshold(SettingsStore settings, ServedModels models, Clock clock, Duration refresh) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /** The threshold of one model, {@code predictor}'s. */
    public ReadThreshold(SettingsStore settings, Predictor predictor, Clock clock, Duration refresh) {
        this(settings, ServedModels.of(predictor), clock, refresh);
    }

    public ReadThreshold(SettingsStore settings, Predictor predictor) {
        this(settings, predictor, Clock.systemUTC(), DEFAULT_REFRESH);
    }

    /** The threshold in force for the default model, with who set it when. */
    public ThresholdSetting current() {
        return inForce(models.info(null));
    }

    /**
     * The threshold in force for the model served as {@code model} (the default when {@code null}).
     *
     * @throws NotFoundException naming the models served, when none is served as {@code model}
     */
    public ThresholdSetting current(String model) {
        return inForce(models.info(model));
    }

    /** The threshold in force for {@code model}, a model served now or a moment ago. */
    public ThresholdSetting inForce(ModelInfo model) {
        Instant now = clock.instant();
        Cached snapshot = cached.get(model.version());
        if (snapshot == null || !now.isBefore(snapshot.readAt().plus(refresh))) {
            snapshot = new Cached(load(model), now);
            cached.put(model.version(), snapshot);
        }
        return snapshot.setting();
    }

    /** The default model's own default, as a setting. */
    public ThresholdSetting modelDefault() {
        return modelDefault(models.info(null));
    }

    /** {@code model}'s own default threshold, as a setting. */
    public static ThresholdSetting modelDefault(ModelInfo model) {
        return new ThresholdSetting(model.defaultThreshold(), model.createdAt(), ThresholdSetting.MODEL_DEFAULT,
                model.version());
    }

    /** Forgets the cached values, so that the next reads go to the store. */
    void invalidate() {
        cached.clear();
    }

    ServedModels models() {
        return models;
    }

    private ThresholdSetting load(ModelInfo model) {
        return settings.threshold(model.version()).orElseGet(() -> modelDefault(model));
    }
}
