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

    /** The rules an input can break; {@link #code()} is a stable machine-readable name. */
    public enum Kind {
        MISSING("missing"),
        NOT_A_NUMBER("number_type"),
        NOT_A_WHOLE_NUMBER("int_from_float"),
        NOT_TEXT("string_type"),
        BELOW_MINIMUM("greater_than_equal"),
        ABOVE_MAXIMUM("less_than_equal"),
        NOT_ALLOWED("enum"),
        UNKNOWN_FIELD("extra_forbidden"),
        TOO_SHORT("too_short"),
        TOO_LONG("too_long"),
        INVALID("value_error");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
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
