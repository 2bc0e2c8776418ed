/**
 * The ports: what the use cases need from the world, as interfaces. Adapters in other modules
 * implement them (ONNX, MongoDB, Redis, ...); {@code org.magicsteps.core.memory} implements each
 * one in memory, for tests and for applications that embed the core.
 *
 * <p>Infrastructure failures surface as {@link org.magicsteps.core.port.PortException}. How a
 * component is doing is not a port's concern: {@link org.magicsteps.core.port.HealthReporting},
 * which adapters implement beside their port, says it for {@code /health} and the banner.
 */
package org.magicsteps.core.port;
