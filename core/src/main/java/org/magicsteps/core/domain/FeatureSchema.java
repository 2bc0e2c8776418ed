package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.magicsteps.core.domain.Violation.Kind;

/**
 * The features a model accepts, in the model's order, each with its rules. It comes from the
 * model (its bundle), not from code, so a retrained model can change ranges or drop a feature.
 *
 * @param features the features, in order; names are unique
 */
public record FeatureSchema(List<FeatureSpec> features) {

    /** Plain decimal text; Java's own parser would also take {@code 7d}, {@code NaN} or hex. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    public FeatureSchema {
        features = features instanceof FeaturesByName indexed ? indexed : new FeaturesByName(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one feature");
        }
    }

    public List<String> names() {
        return features.stream().map(FeatureSpec::name).toList();
    }

    public Optional<FeatureSpec> feature(String name) {
        return Optional.ofNullable(spec(name));
    }

    private FeatureSpec spec(String name) {
        return ((FeaturesByName) features).named(name);
    }

    /**
     * Every rule that {@code student} breaks: unknown features, missing required ones, values
     * out of range or outside the allowed categories. Violations are located at the feature name.
     */
    public List<Violation> check(StudentFeatures student) {
        if (passes(student)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (Map.Entry<String, Object> value : student.values().entrySet()) {
            if (spec(value.getKey()) == null) {
                violations.add(unknown(value.getKey(), value.getValue()));
            }
        }
        for (FeatureSpec spec : features) {
            spec.check(student.values().get(spec.name())).ifPresent(violations::add);
        }
        return violations;
    }

    /**
     * Whether {@code student} breaks no rule, in one pass over its values: every predictor checks
     * every student it scores, so this is on the path of every prediction; {@link #check} finds
     * the violations only when there are some.
     */
    private boolean passes(StudentFeatures student) {
        int known = 0;
        for (Map.Entry<String, Object> value : student.values().entrySet()) {
            FeatureSpec spec = spec(value.getKey());
            if (spec == null || spec.check(value.getValue()).isPresent()) {
                return false;
            }
            known++;
        }
        if (known < features.size()) {
            for (FeatureSpec spec : features) {
                if (spec.required() && !student.values().containsKey(spec.name())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Reads raw values, as they come from JSON or a spreadsheet cell, into valid
     * {@link StudentFeatures}. Numbers may come as numbers or as numeric text; a {@code null} or
     * blank value counts as absent.
     *
     * @return the features, or every violation found
     */
    public Validation<StudentFeatures> parse(Map<String, ?> raw) {
        Objects.requireNonNull(raw, "raw");
        Map<String, Object> values = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        raw.forEach((name, value) -> {
            FeatureSpec spec = spec(name);
            if (spec == null) {
                violations.add(unknown(name, value));
            } else if (!isAbsent(value)) {
                Object coerced = coerce(spec, value);
                if (coerced != null) {
                    values.put(name, coerced);
                } else {
                    violations.add(spec.type().isNumeric()
                            ? Violation.of(name, value, Kind.NOT_A_NUMBER,
                                    name + ": " + Numbers.describe(value) + " is not a number")
                            : Violation.of(name, value, Kind.NOT_TEXT,
                                    name + ": " + Numbers.describe(value) + " is not a word"));
                }
            }
        });
        Set<String> refused = new HashSet<>();
        violations.forEach(v -> refused.add(v.field()));
        for (FeatureSpec spec : features) {
            if (refused.isEmpty() || !refused.contains(spec.name())) {
                spec.check(values.get(spec.name())).ifPresent(violations::add);
            }
        }
        return violations.isEmpty() ? Validation.valid(new StudentFeatures(values)) : Validation.invalid(violations);
    }

    private static boolean isAbsent(Object value) {
        return value == null || value instanceof String s && s.isBlank();
    }

    /** The value as the schema keeps it, or {@code null} when it is not of the feature's kind. */
    private static Object coerce(FeatureSpec spec, Object value) {
        if (spec.type().isNumeric()) {
            if (value instanceof Number n) {
                double d = n.doubleValue();
                return Double.isFinite(d) ? d : null;
            }
            if (value instanceof String s) {
                String text = s.trim();
                return DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : null;
            }
            return null;
        }
        return value instanceof String s ? StudentFeatures.normalize(spec.name(), s) : null;
    }

    private Violation unknown(String name, Object value) {
        return Violation.of(name, value, Kind.UNKNOWN_FIELD,
                name + ": is not a feature of this model; expected one of " + String.join(", ", names()));
    }
}
