package org.magicsteps.core.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a model saw of one feature in training: the range of its numbers or the words it met, and
 * the value that stands in for a missing one (the training median or mode), when the model
 * records one. A value the schema accepts but training never saw is scored and flagged with a
 * {@link FeatureWarning}: the model extrapolates there.
 *
 * @param minimum the smallest value seen in training; numeric features only, else {@code null}
 * @param maximum the largest value seen in training; numeric features only, else {@code null}
 * @param categories the words seen in training, lower-cased; categorical features only, else empty
 * @param standIn the value used for a missing one ({@link Double} or lower-cased {@link String}),
 *     or {@code null} when the model records none
 */
public record TrainedValues(Double minimum, Double maximum, List<String> categories, Object standIn) {

    public TrainedValues {
        categories = categories == null ? List.of()
                : categories.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        boolean numeric = minimum != null || maximum != null;
        if (numeric && !categories.isEmpty()) {
            throw new IllegalArgumentException("trained values are a range or categories, not both");
        }
        if (!numeric && categories.isEmpty()) {
            throw new IllegalArgumentException("trained values need a range or categories");
        }
        if (numeric && (minimum == null || maximum == null || !(minimum <= maximum))) {
            throw new IllegalArgumentException("a trained range needs a minimum at most its maximum, got "
                    + minimum + "–" + maximum);
        }
        if (standIn != null) {
            if (numeric && !(standIn instanceof Double d && Double.isFinite(d))) {
                throw new IllegalArgumentException("a numeric feature's stand-in must be a finite number, got " + standIn);
            }
            if (!numeric) {
                if (!(standIn instanceof String word) || word.isBlank()) {
                    throw new IllegalArgumentException("a categorical feature's stand-in must be a word, got " + standIn);
                }
                standIn = word.trim().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** The range {@code [minimum, maximum]} seen in training, with the stand-in for a missing value or {@code null}. */
    public static TrainedValues range(double minimum, double maximum, Double standIn) {
        return new TrainedValues(minimum, maximum, List.of(), standIn);
    }

    /** The words seen in training, with the stand-in for a missing one or {@code null}. */
    public static TrainedValues words(List<String> categories, String standIn) {
        return new TrainedValues(null, null, categories, standIn);
    }

    public boolean isNumeric() {
        return minimum != null;
    }

    /** Whether training saw {@code value} (a {@link Double} or a lower-cased word) or its like. */
    public boolean covers(Object value) {
        if (value instanceof Double d) {
            return isNumeric() && d >= minimum && d <= maximum;
        }
        return !isNumeric() && categories.contains(value);
    }

    /** As people read it: {@code 2016–2022}, or the words separated by commas. */
    public String text() {
        return isNumeric() ? Numbers.format(minimum) + "–" + Numbers.format(maximum) : String.join(", ", categories);
    }

    /** The same range or words, with another stand-in. */
    public TrainedValues withStandIn(Object value) {
        return new TrainedValues(minimum, maximum, categories, value);
    }

    @Override
    public String toString() {
        return text() + (standIn == null ? "" : " (missing: " + Objects.toString(standIn) + ")");
    }
}
