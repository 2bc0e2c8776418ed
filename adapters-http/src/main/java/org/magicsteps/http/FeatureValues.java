package org.magicsteps.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Features as clients sent them: the core keeps every number as a double, but a whole number
 * ({@code "fase": 3}) should come back as {@code 3}, not {@code 3.0}, as the original logged it.
 */
final class FeatureValues {

    private FeatureValues() {
    }

    static Map<String, Object> asSent(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>(values.size() * 2);
        values.forEach((name, value) -> out.put(name, asSent(value)));
        return out;
    }

    /** One value: a whole double as a whole number, anything else as it is. */
    static Object asSent(Object value) {
        return value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) d.longValue() : value;
    }
}
