package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One broken rule in some input: where it is, which field, the value given and why it is refused.
 *
 * @param location the path to the offending value inside the input, for example
 *     {@code ["features", "score_inde"]} or {@code ["students", 3, "features", "fase"]}
 * @param field the name of the field that broke the rule
 * @param value the value that was given, or {@code null} when it was missing
 * @param kind which rule was broken
 * @param message a sentence that names the field, the value and the rule, such as
 *     {@code score_inde: 11.2 is above the maximum 9.5}
 */
public record Violation(List<Object> location, String field, Object value, Kind kind, String message) {

    /**
     * The rules an input can break. How a rule is named on the wire is the adapter's business
     * (the HTTP adapter names them as pydantic does).
     */
    public enum Kind {
        /** A required value is absent. */
        MISSING,
        /** A number was expected. */
        NOT_A_NUMBER,
        /** A whole number was expected. */
        NOT_A_WHOLE_NUMBER,
        /** A word was expected. */
        NOT_TEXT,
        /** Below the smallest value allowed. */
        BELOW_MINIMUM,
        /** Above the largest value allowed. */
        ABOVE_MAXIMUM,
        /** Not one of the values allowed. */
        NOT_ALLOWED,
        /** A field the input may not have. */
        UNKNOWN_FIELD,
        /** Fewer characters or items than allowed. */
        TOO_SHORT,
        /** More characters or items than allowed. */
        TOO_LONG,
        /** Breaks a rule of its own, which the message states. */
        INVALID
    }

    public Violation {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        location = List.copyOf(location);
    }

    /** A violation of a field at the top level of the input. */
    public static Violation of(String field, Object value, Kind kind, String message) {
        return new Violation(List.of(field), field, value, kind, message);
    }

    /** The same violation, found inside a larger input at {@code prefix}. */
    public Violation under(Object... prefix) {
        List<Object> path = new ArrayList<>(prefix.length + location.size());
        path.addAll(List.of(prefix));
        path.addAll(location);
        return new Violation(path, field, value, kind, message);
    }
}
