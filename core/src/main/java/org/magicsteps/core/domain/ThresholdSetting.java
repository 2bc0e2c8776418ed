package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * The threshold in force, and who set it when.
 *
 * @param threshold the decision threshold
 * @param updatedAt when it was set
 * @param updatedBy who set it; {@value #MODEL_DEFAULT} when it is the model's own default
 * @param modelVersion the version of the model it was set for: a threshold is tuned to one
 *     model, so a setting made for another model does not apply
 */
public record ThresholdSetting(Threshold threshold, Instant updatedAt, String updatedBy, String modelVersion) {

    /** The {@code updatedBy} of a threshold nobody has changed: the model's default. */
    public static final String MODEL_DEFAULT = "model-default";

    public ThresholdSetting {
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (updatedBy == null || updatedBy.isBlank()) {
            throw new IllegalArgumentException("updatedBy must not be blank");
        }
        if (modelVersion == null || modelVersion.isBlank()) {
            throw new IllegalArgumentException("modelVersion must not be blank");
        }
        updatedAt = updatedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }
}
