package org.magicsteps.model.bundle;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A model input computed from a student's raw numeric features rather than sent by the client,
 * such as the mean of the seven indicator scores. Training keeps one only where it helped on
 * validation data; serving computes it from the same raw values (after imputation) and feeds it,
 * through its own {@link #transform()}, after the inputs of the features. Clients never send it.
 *
 * @param name the input's name, {@code [a-z][a-z0-9_]*}; distinct from every feature's name
 * @param description for people, such as "mean of the seven indicator scores"
 * @param expression how the value is computed from raw feature values
 * @param transform how the value becomes model input (a numeric transform of width 1)
 */
public record DerivedFeature(String name, String description, Expression expression, Transform transform) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public DerivedFeature {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("derived feature name '" + name + "' must match " + NAME.pattern());
        }
        description = description == null ? "" : description;
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(transform, "transform");
        if (transform.categorical() || transform.width() != 1) {
            throw new IllegalArgumentException(name + ": a derived feature needs a numeric transform of width 1, not "
                    + transform.kind());
        }
    }

    /** Computes the value from the raw values by feature name, then writes its model input at {@code offset}. */
    void encode(Map<String, Double> raw, float[] out, int offset) {
        transform.encode(expression.evaluate(raw), out, offset);
    }

    /**
     * How a derived value is computed from raw numeric feature values. A closed set, so that every
     * kind is documented in {@code model-runtime/README.md}, read strictly and tested.
     */
    public sealed interface Expression {

        /** The word used in {@code manifest.json}. */
        String kind();

        /** The features it reads. */
        List<String> inputs();

        /**
         * @param raw raw values by feature name; holds every one of {@link #inputs()}
         */
        double evaluate(Map<String, Double> raw);

        /**
         * The arithmetic mean of the named features.
         *
         * @param of at least one feature name
         */
        record Mean(List<String> of) implements Expression {
            public Mean {
                of = names(of, "mean", 1);
            }
            @Override public String kind() { return "mean"; }
            @Override public List<String> inputs() { return of; }
            @Override public double evaluate(Map<String, Double> raw) {
                double sum = 0;
                for (String name : of) {
                    sum += raw.get(name);
                }
                return sum / of.size();
            }
        }

        /**
         * The product of the named features; a square names one feature twice.
         *
         * @param of at least two feature names
         */
        record Product(List<String> of) implements Expression {
            public Product {
                of = names(of, "product", 2);
            }
            @Override public String kind() { return "product"; }
            @Override public List<String> inputs() { return of; }
            @Override public double evaluate(Map<String, Double> raw) {
                double product = 1;
                for (String name : of) {
                    product *= raw.get(name);
                }
                return product;
            }
        }

        /**
         * {@code numerator / (denominator + offset)}. A bundle is refused unless the
         * denominator's validation minimum plus {@code offset} is positive, so that no valid
         * student divides by zero.
         *
         * @param numerator a feature name
         * @param denominator a feature name
         * @param offset added to the denominator, such as 1 for a phase that starts at 0
         */
        record Ratio(String numerator, String denominator, double offset) implements Expression {
            public Ratio {
                names(List.of(Objects.requireNonNull(numerator, "numerator"),
                        Objects.requireNonNull(denominator, "denominator")), "ratio", 2);
                if (!Double.isFinite(offset)) {
                    throw new IllegalArgumentException("ratio offset must be a finite number, got " + offset);
                }
            }
            @Override public String kind() { return "ratio"; }
            @Override public List<String> inputs() { return List.of(numerator, denominator); }
            @Override public double evaluate(Map<String, Double> raw) {
                return raw.get(numerator) / (raw.get(denominator) + offset);
            }
        }

        private static List<String> names(List<String> names, String kind, int minimum) {
            Objects.requireNonNull(names, kind + " inputs");
            if (names.size() < minimum) {
                throw new IllegalArgumentException("a " + kind + " needs at least " + minimum + " feature"
                        + (minimum == 1 ? "" : "s") + ", got " + names);
            }
            names.forEach(n -> {
                if (n == null || n.isBlank()) {
                    throw new IllegalArgumentException("a " + kind + " names a blank feature: " + names);
                }
            });
            return List.copyOf(names);
        }
    }
}
