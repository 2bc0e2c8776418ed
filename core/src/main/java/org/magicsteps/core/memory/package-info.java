/**
 * Implementations of every port that need no I/O: stores that keep everything in memory (lost
 * on restart), a predictor backed by a Java function, and a PBKDF2 password hasher on the JDK.
 * For tests, and for applications that embed the core without a database.
 */
package org.magicsteps.core.memory;
