package org.magicsteps.core.port;

/**
 * Something that can say how it is doing, for {@code /health}, {@code /metrics} and the start-up
 * banner. An operations concern, apart from what the ports do: the use cases never ask it, so the
 * ports do not declare it; the adapters and the in-memory ports implement it beside their port,
 * and the composition root hands it to whatever reports on the service.
 */
@FunctionalInterface
public interface HealthReporting {

    /**
     * How the component is doing now. Cheap enough to call on every {@code /health} request and
     * every scrape; never waits long on the network.
     */
    ComponentHealth health();
}
