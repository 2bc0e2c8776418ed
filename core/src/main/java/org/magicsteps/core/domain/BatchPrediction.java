package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answers for a batch of students, in the order they were asked.
 *
 * @param batchId the id shared by the batch's log records
 * @param predictions one per student
 * @param timestamp when the batch was scored
 */
public record BatchPrediction(String batchId, List<Prediction> predictions, Instant timestamp) {

    public BatchPrediction {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(timestamp, "timestamp");
        predictions = List.copyOf(predictions);
    }
}
