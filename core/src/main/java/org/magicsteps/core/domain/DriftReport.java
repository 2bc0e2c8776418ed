package org.magicsteps.core.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How recent data compares, feature by feature, with what a model was trained on.
 *
 * @param modelName the model whose training reference was used
 * @param modelVersion its version
 * @param source what was measured: a file name, or {@code "prediction log"}
 * @param from the start of the window measured (inclusive), or {@code null} for a file
 * @param to the end of the window (exclusive), or {@code null} for a file
 * @param rows how many students were measured
 * @param features one per feature the model accepts, in the model's order
 */
public record DriftReport(String modelName, String modelVersion, String source, Instant from, Instant to, long rows,
        List<FeatureDrift> features) {

    private static final Comparator<FeatureDrift> MOST_DRIFTED_FIRST = Comparator
            .comparingInt((FeatureDrift f) -> f.psi() != null ? 1 : f.level() == DriftLevel.MAJOR ? 0 : 2)
            .thenComparingDouble(f -> f.psi() == null ? 0 : -f.psi())
            .thenComparing(FeatureDrift::feature);

    public DriftReport {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(source, "source");
        features = List.copyOf(features);
    }

    /** Whether a feature the model reads has drifted majorly (features it ignores do not count). */
    public boolean anyMajor() {
        return features.stream().anyMatch(f -> f.readByModel() && f.level() == DriftLevel.MAJOR);
    }

    /**
     * The features, most drifted first: those without any value (major), then by PSI, then those
     * without a PSI.
     */
    public List<FeatureDrift> mostDriftedFirst() {
        return features.stream().sorted(MOST_DRIFTED_FIRST).toList();
    }
}
