package org.magicsteps.core.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * What a model accepts for one feature: its type, its valid range or allowed categories, and
 * whether it may be left out. A model's bundle states these; they become the API's validation
 * rules and its feature listing.
 *
 * @param name the canonical feature name, such as {@code score_inde}
 * @param type the kind of value
 * @param description a sentence for people
 * @param minimum the smallest valid value (inclusive), or {@code null} for no lower bound; numeric only
 * @param maximum the largest valid value (inclusive), or {@code null} for no upper bound; numeric only
 * @param categories the allowed words, lower-cased; categorical only
 * @param required whether a student must have this feature; an optional one is imputed or ignored by the model
 * @param acceptsUnknownCategory whether a word outside {@code categories} is accepted (the model
 *     then encodes it as "unknown") rather than refused
 * @param trained what the model saw of this feature in training, or {@code null} when unknown (then
 *     no value is flagged); the accepted range may be wider, as the domain allows more than one
 *     year of training data holds
 */
public record FeatureSpec(
        String name,
        FeatureType type,
        String description,
        Double minimum,
        Double maximum,
        List<String> categories,
        boolean required,
        boolean acceptsUnknownCategory,
        TrainedValues trained) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("feature name '" + name + "' must match " + NAME.pattern());
        }
        // The same instance as the names JSON parsers and literals produce (they are interned), so
        // that every look-up of a student's value by feature name is decided by identity.
        name = name.intern();
        description = description == null ? "" : description;
        categories = categories == null ? List.of()
                : categories.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).toList();
        if (type.isNumeric()) {
            if (!categories.isEmpty()) {
                throw new IllegalArgumentException(name + ": a numeric feature has no categories");
            }
            if (minimum != null && maximum != null && minimum > maximum) {
                throw new IllegalArgumentException(name + ": minimum " + minimum + " is above maximum " + maximum);
            }
            if (acceptsUnknownCategory) {
                throw new IllegalArgumentException(name + ": a numeric feature has no categories");
            }
        } else {
            if (minimum != null || maximum != null) {
                throw new IllegalArgumentException(name + ": a categorical feature has no range");
            }
            if (categories.isEmpty()) {
                throw new IllegalArgumentException(name + ": a categorical feature needs its categories");
            }
            if (categories.stream().distinct().count() != categories.size()) {
                throw new IllegalArgumentException(name + ": categories repeat: " + categories);
            }
        }
        if (trained != null && trained.isNumeric() != type.isNumeric()) {
            throw new IllegalArgumentException(name + ": a " + type.label() + " feature needs "
                    + (type.isNumeric() ? "a trained range" : "trained categories"));
        }
    }

    /** A feature whose training is unknown: nothing it accepts is flagged. */
    public FeatureSpec(String name, FeatureType type, String description, Double minimum, Double maximum,
            List<String> categories, boolean required, boolean acceptsUnknownCategory) {
        this(name, type, description, minimum, maximum, categories, required, acceptsUnknownCategory, null);
    }

    /** A required whole-number feature within [{@code minimum}, {@code maximum}]. */
    public static FeatureSpec integer(String name, String description, double minimum, double maximum) {
        return new FeatureSpec(name, FeatureType.INTEGER, description, minimum, maximum, List.of(), true, false);
    }

    /** A required real-number feature within [{@code minimum}, {@code maximum}]. */
    public static FeatureSpec decimal(String name, String description, double minimum, double maximum) {
        return new FeatureSpec(name, FeatureType.FLOAT, description, minimum, maximum, List.of(), true, false);
    }

    /** A required categorical feature that refuses words outside {@code categories}. */
    public static FeatureSpec categorical(String name, String description, List<String> categories) {
        return new FeatureSpec(name, FeatureType.CATEGORICAL, description, null, null, categories, true, false);
    }

    /** The same feature, but students may leave it out. */
    public FeatureSpec optional() {
        return new FeatureSpec(name, type, description, minimum, maximum, categories, false, acceptsUnknownCategory,
                trained);
    }

    /** The same categorical feature, but words outside its categories are accepted as "unknown". */
    public FeatureSpec acceptingUnknownCategories() {
        return new FeatureSpec(name, type, description, minimum, maximum, categories, required, true, trained);
    }

    /** The same feature, knowing what the model saw of it in training. */
    public FeatureSpec withTrained(TrainedValues values) {
        return new FeatureSpec(name, type, description, minimum, maximum, categories, required, acceptsUnknownCategory,
                values);
    }

    /**
     * The same numeric feature, accepting every value it accepted and every value within
     * [{@code lowest}, {@code highest}] too ({@code null}: no bound on that side).
     *
     * @throws IllegalStateException when this feature is categorical
     */
    public FeatureSpec widenedTo(Double lowest, Double highest) {
        if (!type.isNumeric()) {
            throw new IllegalStateException(name + ": a categorical feature has no range to widen");
        }
        Double low = minimum == null || lowest == null ? null : Math.min(minimum, lowest);
        Double high = maximum == null || highest == null ? null : Math.max(maximum, highest);
        return new FeatureSpec(name, type, description, low, high, categories, required, acceptsUnknownCategory,
                trained);
    }

    /**
     * What to say about an accepted value ({@link Double} or lower-cased word): a warning when the
     * model never saw its like in training.
     */
    public Optional<FeatureWarning> warning(Object value) {
        if (trained == null || value == null || trained.covers(value)) {
            return Optional.empty();
        }
        return Optional.of(FeatureWarning.outsideTraining(name, value, trained));
    }

    /**
     * Checks one value, already normalized ({@link Double}, lower-cased {@link String}, or
     * {@code null} when absent).
     *
     * @return the rule it breaks, if any
     */
    public Optional<Violation> check(Object value) {
        if (value == null) {
            return required
                    ? Optional.of(Violation.of(name, null, Kind.MISSING, name + ": is required but missing"))
                    : Optional.empty();
        }
        return type.isNumeric() ? checkNumber(value) : checkCategory(value);
    }

    private Optional<Violation> checkNumber(Object value) {
        if (!(value instanceof Double d)) {
            return violation(value, Kind.NOT_A_NUMBER, Numbers.describe(value) + " is not a number");
        }
        if (type == FeatureType.INTEGER && d != Math.rint(d)) {
            return violation(d, Kind.NOT_A_WHOLE_NUMBER, Numbers.describe(d) + " is not a whole number");
        }
        if (minimum != null && d < minimum) {
            return violation(d, Kind.BELOW_MINIMUM,
                    Numbers.describe(d) + " is below the minimum " + Numbers.format(minimum));
        }
        if (maximum != null && d > maximum) {
            return violation(d, Kind.ABOVE_MAXIMUM,
                    Numbers.describe(d) + " is above the maximum " + Numbers.format(maximum));
        }
        return Optional.empty();
    }

    private Optional<Violation> checkCategory(Object value) {
        if (!(value instanceof String word)) {
            return violation(value, Kind.NOT_TEXT, Numbers.describe(value) + " is not a word; expected one of " + categories);
        }
        if (!acceptsUnknownCategory && !categories.contains(word)) {
            return violation(word, Kind.NOT_ALLOWED, Numbers.describe(word) + " is not one of " + categories);
        }
        return Optional.empty();
    }

    private Optional<Violation> violation(Object value, Kind kind, String rule) {
        return Optional.of(Violation.of(name, value, kind, name + ": " + rule));
    }

    /** The valid range as people read it: {@code 3–9.5}, {@code ≥ 0}, or the categories. */
    public String rangeText() {
        if (!type.isNumeric()) {
            return String.join(", ", categories) + (acceptsUnknownCategory ? " (others accepted as unknown)" : "");
        }
        if (minimum != null && maximum != null) {
            return Numbers.format(minimum) + "–" + Numbers.format(maximum);
        }
        if (minimum != null) {
            return "≥ " + Numbers.format(minimum);
        }
        if (maximum != null) {
            return "≤ " + Numbers.format(maximum);
        }
        return "any";
    }
}
