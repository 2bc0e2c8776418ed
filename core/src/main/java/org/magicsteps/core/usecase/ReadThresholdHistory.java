package org.magicsteps.core.usecase;

import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.Actor;
import org.magicsteps.core.domain.ThresholdSetting;
import org.magicsteps.core.domain.ValidationException;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.domain.Violation.Kind;
import org.magicsteps.core.port.SettingsStore;

/** An admin reads the threshold's audit trail: every change, who made it when, newest first. */
public final class ReadThresholdHistory {

    /** How many changes a read returns when it does not say. */
    public static final int DEFAULT_LIMIT = 50;
    /** The most changes one read returns. */
    public static final int MAX_LIMIT = 1000;

    private final SettingsStore settings;

    public ReadThresholdHistory(SettingsStore settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param limit at most this many changes, 1–{@value #MAX_LIMIT}
     * @return the most recent changes, newest first, for whichever model version they were made
     * @throws AccessDeniedException when {@code actor} is not an admin (checked first)
     * @throws ValidationException naming {@code limit} when it is outside 1–{@value #MAX_LIMIT}
     */
    public List<ThresholdSetting> execute(Actor actor, int limit) {
        if (!actor.isAdmin()) {
            throw new AccessDeniedException("only an admin may read the threshold's history");
        }
        if (limit < 1) {
            throw new ValidationException(Violation.of("limit", limit, Kind.BELOW_MINIMUM,
                    "limit: " + limit + " is below the minimum 1"));
        }
        if (limit > MAX_LIMIT) {
            throw new ValidationException(Violation.of("limit", limit, Kind.ABOVE_MAXIMUM,
                    "limit: " + limit + " is above the maximum " + MAX_LIMIT));
        }
        return settings.thresholdHistory(limit);
    }
}
