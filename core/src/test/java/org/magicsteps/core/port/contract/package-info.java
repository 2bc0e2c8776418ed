/**
 * One abstract contract test per port. Each implementation (in-memory here; MongoDB, Redis in
 * their modules) extends it, so that all behave the same. Shipped in core's test-jar.
 */
package org.magicsteps.core.port.contract;
