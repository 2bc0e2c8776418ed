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
     * blank value counts as absent. A name that is not a feature of this model is ignored, as the
     * original service ignored it ({@link #check(Map, MissingValues)} names it in a warning); a
     * misspelt required feature is still refused as missing.
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
                return;
            }
            if (!isAbsent(value)) {
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

    /**
     * Reads raw values as {@link #parse} does, and says what the answer should come with: names
     * that were ignored, values outside what the model saw in training and, under
     * {@link MissingValues#STAND_IN}, the required features that were missing and got the
     * training's stand-in (those that have none stay missing).
     */
    public CheckedFeatures check(Map<String, ?> raw, MissingValues missing) {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(missing, "missing");
        List<FeatureWarning> warnings = new ArrayList<>();
        Map<String, ?> given = raw;
        if (missing == MissingValues.STAND_IN) {
            Map<String, Object> filled = null;
            for (FeatureSpec spec : features) {
                Object standIn = spec.trained() == null ? null : spec.trained().standIn();
                if (spec.required() && standIn != null && isAbsent(raw.get(spec.name()))) {
                    if (filled == null) {
                        filled = new LinkedHashMap<>(raw);
                    }
                    filled.put(spec.name(), standIn);
                    warnings.add(FeatureWarning.stoodIn(spec.name(), spec.trained()));
                }
            }
            given = filled == null ? raw : filled;
        }
        Validation<StudentFeatures> parsed = parse(given);
        if (!parsed.isValid()) {
            return CheckedFeatures.refused(parsed.violations());
        }
        raw.forEach((name, value) -> {
            if (!knows(name)) {
                warnings.add(FeatureWarning.unknown(name, value));
            }
        });
        Map<String, Object> values = parsed.value().values();
        for (FeatureSpec spec : features) {
            Object value = values.get(spec.name());
            if (value != null && (missing == MissingValues.REFUSE || !isAbsent(raw.get(spec.name())))) {
                spec.warning(value).ifPresent(warnings::add);
            }
        }
        return CheckedFeatures.accepted(parsed.value(), warnings);
    }

    /**
     * Checks one row of a sheet: what its reader could not read (first among the violations),
     * then {@link #check(Map, MissingValues)} of its features. Every run over a sheet (scoring,
     * loading the feature store, evaluating) checks its rows with this.
     */
    public CheckedFeatures check(StudentRow row, MissingValues missing) {
        CheckedFeatures checked = check(row.features(), missing);
        if (row.problems().isEmpty()) {
            return checked;
        }
        List<Violation> all = new ArrayList<>(row.problems());
        all.addAll(checked.violations());
        return CheckedFeatures.refused(all);
    }

    /**
     * Whether a numeric feature reads {@code text} (trimmed) as a number: plain decimal text, as
     * {@code 7.25}, {@code -1}, {@code .5} or {@code 1e3}; not {@code 7d}, {@code NaN} or hex, which
     * Java's own parser would take.
     */
    public static boolean isNumber(String text) {
        return isPlainDecimal(text) || DECIMAL.matcher(text).matches();
    }

    /**
     * Digits with at most one point and an optional sign ({@code 7.25}, {@code -1}): what nearly every
     * cell of a sheet is, checked without the regular expression, which costs more than the parse.
     */
    private static boolean isPlainDecimal(String text) {
        int start = !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
        boolean digit = false;
        boolean point = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        return digit;
    }

    /** A loop, not {@link #feature}'s stream: it runs for every cell of every row of a sheet. */
    private boolean knows(String name) {
        for (FeatureSpec spec : features) {
            if (spec.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A student every rule of this schema accepts: each number in the middle of its range (whole
     * for whole-number features, else to one decimal), each word the first of its categories.
     * Used to show a request that passes (the API's examples) and to probe a model before it is
     * served.
     */
    public StudentFeatures exampleStudent() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (FeatureSpec spec : features) {
            values.put(spec.name(), switch (spec.type()) {
                case CATEGORICAL -> spec.categories().get(0);
                case INTEGER -> (double) Math.round(middle(spec));
                case FLOAT -> oneDecimalWithin(spec, middle(spec));
            });
        }
        StudentFeatures student = new StudentFeatures(values);
        List<Violation> violations = check(student);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("no example student fits this schema: " + violations.get(0).message());
        }
        return student;
    }

    private static double oneDecimalWithin(FeatureSpec spec, double value) {
        double rounded = Math.round(value * 10) / 10.0;
        boolean within = (spec.minimum() == null || rounded >= spec.minimum())
                && (spec.maximum() == null || rounded <= spec.maximum());
        return within ? rounded : value;
    }

    private static double middle(FeatureSpec spec) {
        double low = spec.minimum() == null ? Math.min(0, spec.maximum() == null ? 0 : spec.maximum() - 10) : spec.minimum();
        double high = spec.maximum() == null ? low + 10 : spec.maximum();
        return (low + high) / 2;
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
                return isNumber(text) ? Double.parseDouble(text) : null;
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
