package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * One student's raw features, checked against a model's schema: valid features with what the
 * answer should say about them, or every rule they break.
 *
 * @param features the valid features, or {@code null} when refused
 * @param violations every rule broken; empty when accepted
 * @param warnings what an accepted student's answer comes with; empty when refused
 */
public record CheckedFeatures(StudentFeatures features, List<Violation> violations, List<FeatureWarning> warnings) {

    public CheckedFeatures {
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
        if (violations.isEmpty() == (features == null)) {
            throw new IllegalArgumentException("checked features are either accepted (features, no violations) or "
                    + "refused (violations, no features)");
        }
    }

    static CheckedFeatures accepted(StudentFeatures features, List<FeatureWarning> warnings) {
        return new CheckedFeatures(Objects.requireNonNull(features, "features"), List.of(), warnings);
    }

    static CheckedFeatures refused(List<Violation> violations) {
        return new CheckedFeatures(null, violations, List.of());
    }

    public boolean isAccepted() {
        return features != null;
    }
}
