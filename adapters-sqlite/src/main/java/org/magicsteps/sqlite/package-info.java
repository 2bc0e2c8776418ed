/**
 * Users, the prediction log and settings in one SQLite file, through sqlite-jdbc: the persistent
 * store the server uses when no MongoDB is configured, needing no server of its own. {@link
 * org.magicsteps.sqlite.SqliteStores} opens the file (creating its schema) and hands out the three
 * adapters. Several processes may open the file at once (WAL mode lets readers run beside the one
 * writer); within a process one writer thread makes every change, committing concurrent appends to
 * the log together. SQL, rows, the writer and the read connections stay package-private; no
 * {@code java.sql} or {@code org.sqlite} type appears in a public signature.
 */
package org.magicsteps.sqlite;
