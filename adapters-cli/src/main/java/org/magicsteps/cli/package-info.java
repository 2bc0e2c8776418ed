/**
 * The command line ({@code magic-steps serve | score | train | evaluate | model | users}) and the
 * composition root, {@link org.magicsteps.cli.Wiring}: the one place that builds adapters and
 * hands them to the use cases.
 */
package org.magicsteps.cli;
