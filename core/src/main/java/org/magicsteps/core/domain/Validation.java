package org.magicsteps.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of validating an input: a value, or the list of every rule it broke.
 *
 * @param value the valid value, {@code null} when there are violations
 * @param violations every violation found; empty when the input is valid
 */
public record Validation<T>(T value, List<Violation> violations) {

    public Validation {
        violations = List.copyOf(violations);
        if (violations.isEmpty()) {
            Objects.requireNonNull(value, "a valid result needs a value");
        } else if (value != null) {
            throw new IllegalArgumentException("an invalid result has no value");
        }
    }

    public static <T> Validation<T> valid(T value) {
        return new Validation<>(value, List.of());
    }

    public static <T> Validation<T> invalid(List<Violation> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid result needs at least one violation");
        }
        return new Validation<>(null, violations);
    }

    public boolean isValid() {
        return violations.isEmpty();
    }

    /**
     * @return the value
     * @throws ValidationException with every violation, when the input was invalid
     */
    public T orThrow() {
        ValidationException.throwIfAny(violations);
        return value;
    }
}
