package org.magicsteps.core.domain;

/** How numbers appear in messages people read. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 21.0} as {@code 21}, {@code 9.5} as {@code 9.5}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    /** A value as given, for a message: words quoted, numbers as {@link #format(double)}. */
    static String describe(Object value) {
        if (value instanceof Double d) {
            return format(d);
        }
        if (value instanceof Number n) {
            return format(n.doubleValue());
        }
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(value);
    }
}
