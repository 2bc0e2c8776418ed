package org.magicsteps.core.domain;

import java.util.Objects;

/**
 * One entry of the prediction log: who asked, for which features, and what was answered.
 *
 * @param prediction what was answered
 * @param user the username of the caller
 * @param features the features the prediction was made from, as validated
 * @param batchId the id shared by all predictions of one batch request, or {@code null}
 */
public record PredictionRecord(Prediction prediction, String user, StudentFeatures features, String batchId) {

    public PredictionRecord {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(features, "features");
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
    }

    public String predictionId() {
        return prediction.predictionId();
    }
}
