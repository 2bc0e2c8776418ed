package org.magicsteps.sqlite;

/**
 * When SQLite forces a commit to disk ({@code PRAGMA synchronous} in WAL mode). The stores use
 * {@link #FULL}; {@link #NORMAL} exists so that the benchmark can show what FULL costs.
 */
enum Durability {
    /** Every commit is forced to disk before it returns: a commit survives a power cut. */
    FULL,
    /**
     * Commits reach the OS at once (they survive the process being killed) but are forced to disk
     * only at checkpoints: a power cut may undo the last ones.
     */
    NORMAL
}
