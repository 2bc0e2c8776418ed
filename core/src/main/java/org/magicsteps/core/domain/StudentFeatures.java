package org.magicsteps.core.domain;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The features of one student, by name: numbers as {@link Double}, categories as lower-cased,
 * trimmed {@link String}s. A feature that is absent was not measured.
 *
 * <p>Building one checks only that each value is a finite number or a word; whether the values
 * are within a model's ranges is for {@link FeatureSchema#check(StudentFeatures)}.
 *
 * <pre>{@code
 * StudentFeatures s = StudentFeatures.builder()
 *     .fase(3).idade(12).anoIngresso(2020)
 *     .scoreInde(7.1) // ...
 *     .turma("B").genero("Menina").pedraModal("Ametista")
 *     .build();
 * }</pre>
 *
 * @param values feature name to value; copied, and kept in the order given
 */
public record StudentFeatures(Map<String, Object> values) {

    public StudentFeatures {
        Objects.requireNonNull(values, "values");
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a feature name must not be blank");
            }
            copy.put(name, normalize(name, value));
        });
        values = Collections.unmodifiableMap(copy);
    }

    /** Lower-cases and trims words, and widens every number to a finite {@code double}. */
    public static Object normalize(String name, Object value) {
        if (value instanceof String text) {
            return text.trim().toLowerCase(Locale.ROOT);
        }
        if (value instanceof Number number) {
            double d = number instanceof BigDecimal big ? big.doubleValue() : number.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(name + ": " + value + " is not a finite number");
            }
            return d;
        }
        throw new IllegalArgumentException(name + ": a feature value must be a number or a word, not "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The numeric value of {@code name}, empty when it is absent or a word. */
    public OptionalDouble number(String name) {
        return values.get(name) instanceof Double d ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The word value of {@code name}, empty when it is absent or a number. */
    public Optional<String> category(String name) {
        return values.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** The same features without {@code name}. */
    public StudentFeatures without(String name) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(name);
        return new StudentFeatures(copy);
    }

    /**
     * Builds {@link StudentFeatures}, with a typed setter for each of the 18 features of the
     * PEDE data that the original service accepted, and {@link #set} for any other.
     */
    public static final class Builder {
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /** Sets any feature by name; a number or a word. */
        public Builder set(String name, Object value) {
            values.put(name, value);
            return this;
        }

        public Builder fase(int value) { return set("fase", value); }
        public Builder idade(int value) { return set("idade", value); }
        public Builder anoIngresso(int value) { return set("ano_ingresso", value); }
        public Builder scoreInde(double value) { return set("score_inde", value); }
        public Builder scoreIaa(double value) { return set("score_iaa", value); }
        public Builder scoreIeg(double value) { return set("score_ieg", value); }
        public Builder scoreIps(double value) { return set("score_ips", value); }
        public Builder scoreIda(double value) { return set("score_ida", value); }
        public Builder scoreIpv(double value) { return set("score_ipv", value); }
        public Builder scoreIan(double value) { return set("score_ian", value); }
        public Builder notaCg(int value) { return set("nota_cg", value); }
        public Builder notaCf(int value) { return set("nota_cf", value); }
        public Builder notaCt(int value) { return set("nota_ct", value); }
        public Builder numAvaliacoes(int value) { return set("num_avaliacoes", value); }
        public Builder defasagem(int value) { return set("defasagem", value); }
        public Builder turma(String value) { return set("turma", value); }
        public Builder genero(String value) { return set("genero", value); }
        public Builder pedraModal(String value) { return set("pedra_modal", value); }

        public StudentFeatures build() {
            return new StudentFeatures(values);
        }
    }
}
