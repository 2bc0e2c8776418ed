package org.magicsteps.core.port;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an adapter behind a port is doing, for {@code /health}, {@code /metrics} and the start-up
 * banner.
 *
 * @param implementation what serves the port, such as {@code mongodb://db:27017/magic_steps} or
 *     {@code in-memory}; never a secret
 * @param persistent whether what it holds survives a restart
 * @param status whether it works
 * @param details further facts by name (queue depth, journal size, ...)
 */
public record ComponentHealth(String implementation, boolean persistent, Status status, Map<String, Object> details) {

    /** Whether a component works. */
    public enum Status {
        /** Works. */
        UP,
        /** Works, but something is held back or slow (for example, records waiting to be written). */
        DEGRADED,
        /** Does not work. */
        DOWN
    }

    public ComponentHealth {
        Objects.requireNonNull(implementation, "implementation");
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static ComponentHealth up(String implementation, boolean persistent) {
        return new ComponentHealth(implementation, persistent, Status.UP, Map.of());
    }
}
