package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;

/**
 * What every store's {@code health()} says, whatever its port: UP with what it is while it works,
 * and the failure, with its reason, once it cannot work. The port contracts extend it.
 */
public abstract class HealthContract<S extends HealthReporting> {

    /**
     * Long enough for a driver to notice, in the background, that its server is gone; a store
     * that knows at once answers on the first look.
     */
    private static final Duration FAILURE_NOTICED_WITHIN = Duration.ofSeconds(10);

    /** The store under test, used once (so that a lazy one has connected). */
    protected abstract S usedStore();

    /**
     * What {@code health()} names the store under test: {@code in-memory},
     * {@code sqlite:/path/to/file}, {@code mongodb://host:port/db}, ...
     */
    protected abstract String expectedImplementation();

    /** Whether what the store holds survives a restart. */
    protected abstract boolean expectedPersistent();

    /**
     * A store of this kind that cannot work (closed, or pointing at a server that is not there),
     * or empty when the implementation has no way to fail (it needs nothing outside the JVM).
     */
    protected abstract Optional<S> failedStore();

    /** What {@link #failedStore()} reports: DOWN, unless it keeps working by holding work back (DEGRADED). */
    protected ComponentHealth.Status failedStatus() {
        return ComponentHealth.Status.DOWN;
    }

    @Test
    void reportsItsHealth() {
        ComponentHealth health = usedStore().health();

        assertEquals(ComponentHealth.Status.UP, health.status(), health.toString());
        assertEquals(expectedImplementation(), health.implementation());
        assertEquals(expectedPersistent(), health.persistent(), health.toString());
    }

    @Test
    void aStoreThatCannotWorkReportsItsFailure() throws InterruptedException {
        Optional<S> failed = failedStore();
        Assumptions.assumeTrue(failed.isPresent(), "this implementation cannot fail: it needs nothing outside the JVM");
        long deadline = System.nanoTime() + FAILURE_NOTICED_WITHIN.toNanos();
        ComponentHealth health = failed.get().health();
        while (health.status() != failedStatus() && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            health = failed.get().health();
        }

        assertEquals(failedStatus(), health.status(), health.toString());
        assertNotNull(health.details().get("error"), "says why: " + health);
        assertFalse(String.valueOf(health.details().get("error")).isBlank(), health.toString());
    }
}
