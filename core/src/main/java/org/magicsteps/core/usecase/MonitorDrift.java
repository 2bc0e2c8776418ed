package org.magicsteps.core.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.DriftReport;
import org.magicsteps.core.domain.FeatureReference;
import org.magicsteps.core.domain.ModelInfo;
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
    private final ServedModels models;
    private final Clock clock;

    /** @param models the models served; a report is against one of them, the default unless named */
    public MonitorDrift(PredictionLog log, ServedModels models, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Against {@code model} alone. */
    public MonitorDrift(PredictionLog log, Predictor model, Clock clock) {
        this(log, ServedModels.of(model), clock);
    }

    /**
     * Drift over {@code [from, to)} against {@code model}'s training reference.
     *
     * @param from the window's start; {@code null}: 24 hours before {@code to}
     * @param to the window's end; {@code null}: now
     * @param model the name a model is served under; {@code null}: the default model
     * @throws AccessDeniedException when the actor is not an admin
     * @throws ValidationException when the window is empty
     * @throws NotFoundException naming the models served, when none is served as {@code model}
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
        return measure(model == null || model.isBlank() ? null : model.trim(), start, end);
    }

    /** Drift over the last 24 hours against the default model, for monitoring (no caller to check). */
    public DriftReport lastDay() {
        Instant end = clock.instant();
        return measure(null, end.minus(DEFAULT_WINDOW), end);
    }

    private DriftReport measure(String model, Instant from, Instant to) {
        List<FeatureReference> reference;
        ModelInfo info;
        // The reference is copied out of the lease: a long scan does not hold a model an admin replaces.
        try (ServedModels.Lease lease = models.lease(model)) {
            reference = lease.predictor().trainingReference();
            info = lease.predictor().info();
        }
        DriftTally tally = new DriftTally(reference);
        log.scanFeatures(from, to, tally);
        return new DriftReport(info.name(), info.version(), "prediction log", from, to, tally.rows(), tally.drifts());
    }
}
