package org.magicsteps.core.port.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import org.magicsteps.core.port.ComponentHealth;
import org.magicsteps.core.port.HealthReporting;

/**
 * What every store's {@code health()} must say, shared by the port contracts: UP with what it is
 * while it works, and the failure (with its reason) once it cannot work.
 */
final class HealthChecks {

    /**
     * Long enough for a driver to notice, in the background, that its server is gone; a store
     * that knows at once answers on the first look.
     */
    private static final Duration FAILURE_NOTICED_WITHIN = Duration.ofSeconds(10);

    private HealthChecks() {
    }

    static void assertWorking(HealthReporting store, String implementation, boolean persistent) {
        ComponentHealth health = store.health();
        assertEquals(ComponentHealth.Status.UP, health.status(), health.toString());
        assertEquals(implementation, health.implementation());
        assertEquals(persistent, health.persistent(), health.toString());
    }

    /**
     * Skips when the implementation has no way to fail (it lives in memory); else waits, with a
     * deadline, until the failed store reports {@code status}, and checks that it says why.
     */
    static void assertFailed(Optional<? extends HealthReporting> failed, ComponentHealth.Status status)
            throws InterruptedException {
        Assumptions.assumeTrue(failed.isPresent(), "this implementation cannot fail: it needs nothing outside the JVM");
        HealthReporting store = failed.get();
        long deadline = System.nanoTime() + FAILURE_NOTICED_WITHIN.toNanos();
        ComponentHealth health = store.health();
        while (health.status() != status && System.nanoTime() - deadline < 0) {
            Thread.sleep(20);
            health = store.health();
        }
        assertEquals(status, health.status(), health.toString());
        assertNotNull(health.details().get("error"), "says why: " + health);
        assertTrue(!String.valueOf(health.details().get("error")).isBlank(), health.toString());
    }
}
