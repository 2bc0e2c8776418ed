/**
 * The commands that train and evaluate models ({@code train}, {@code evaluate}) and the full
 * command line's entry point. Only this package depends on the training module; the server jar
 * is built without it (see adapters-cli's pom and {@code ServerJarTest}), and an ArchUnit rule keeps
 * the rest of the command line from depending on training.
 */
package org.magicsteps.cli.training;
