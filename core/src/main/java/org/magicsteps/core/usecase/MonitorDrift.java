package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.PredictionLog;
import org.magicsteps.core.port.Predictor;

/**
 * Compares the features of the predictions logged in a time window with what a model was trained
 * on. Every logged prediction in the window counts, whichever model answered it: drift is about
 * the students coming in, measured against the chosen model's training reference. The log is
 * read through {@link PredictionLog#scan}, so memory stays one counter per bin whatever the
 * window holds.
 */
public final class MonitorDrift {

    /** The window when none is given: the last 24 hours. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    private final PredictionLog log;
    private final List<Predictor> models;
    private final Clock clock;

    /**
     * @param models the models served, the default first
     * @throws IllegalArgumentException when {@code models} is empty
     */
    public MonitorDrift(PredictionLog log, List<Predictor> models, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.models = List.copyOf(models);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.models.isEmpty()) {
            throw new IllegalArgumentException("drift needs at least one model");
        }
    }

    /**
     * Drift over {@code [from, to)} against {@code model}'s training reference.
     *
     * @param from the window's start; {@code null}: 24 hours before {@code to}
     * @param to the window's end; {@code null}: now
     * @param model a served model's name or version; {@code null}: the default model
     * @throws AccessDeniedException when the actor is not an admin
     * @throws ValidationException when the window is empty or the model is not served
     */
    public DriftReport execute(Actor actor, Instant from, Instant to, String model) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may read the drift report");
        }
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw new ValidationException(Violation.of("to", end.toString(), Kind.INVALID,
                    "to: " + end + " must be after from " + start));
        }
        return measure(model(model), start, end);
    }

    /** Drift over the last 24 hours against the default model, for monitoring (no caller to check). */
    public DriftReport lastDay() {
        Instant end = clock.instant();
        return measure(models.get(0), end.minus(DEFAULT_WINDOW), end);
    }

    private DriftReport measure(Predictor model, Instant from, Instant to) {
        DriftTally tally = new DriftTally(model.trainingReference());
        log.scanFeatures(from, to, tally);
        return new DriftReport(model.info().name(), model.info().version(), "prediction log", from, to, tally.rows(),
                tally.drifts());
    }

    private Predictor model(String name) {
        if (name == null || name.isBlank()) {
            return models.get(0);
        }
        String wanted = name.trim();
        return models.stream()
                .filter(m -> m.info().name().equals(wanted) || m.info().version().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new ValidationException(Violation.of("model", wanted, Kind.INVALID,
                        "model: '" + wanted + "' is not served here; served: " + String.join(", ",
                                models.stream().map(m -> m.info().name()).toList()))));
    }
}
