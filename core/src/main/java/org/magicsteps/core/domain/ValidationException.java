package org.magicsteps.core.domain;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An input was refused. It carries every violation found, not just the first, so that a caller
 * can fix them all at once.
 */
public final class ValidationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * @throws IllegalArgumentException when {@code violations} is empty
     */
    public ValidationException(List<Violation> violations) {
        super(violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public ValidationException(Violation violation) {
        this(List.of(violation));
    }

    /** Throws when {@code violations} is not empty. */
    public static void throwIfAny(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    public List<Violation> violations() {
        return violations;
    }
}
