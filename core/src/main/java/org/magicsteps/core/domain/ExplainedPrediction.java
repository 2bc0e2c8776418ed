package org.magicsteps.core.domain;

import java.util.Objects;

/**
 * A prediction with why the model made it.
 *
 * @param prediction what was answered
 * @param explanation why: adds up to the log-odds of {@code prediction}'s probability
 */
public record ExplainedPrediction(Prediction prediction, Explanation explanation) {

    public ExplainedPrediction {
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(explanation, "explanation");
    }
}
