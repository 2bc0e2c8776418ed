package org.magicsteps.core.usecase;

/** What a row that cannot be used does to a run over a sheet. */
public enum OnError {
    /** The row is reported and left out; the rest goes on. */
    SKIP,
    /** The row is reported, every other row is still checked, and nothing is written. */
    FAIL
}
