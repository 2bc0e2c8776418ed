package org.magicsteps.mongo;

/**
 * When the prediction journal forces what it wrote to the disk (fsync). Either way, a record
 * survives a crash of our process as soon as {@code append} returns, because it is then in the
 * operating system's file cache; the choice is about a crash of the machine itself.
 */
public enum JournalSync {

    /**
     * {@code append} returns once its records are on the disk: a record is lost only if the disk is.
     * Concurrent appends share one fsync (group commit), so this costs latency (one fsync, about
     * 0.2–0.4 ms on this project's machines), not throughput. The default.
     */
    ON_APPEND,

    /**
     * A background thread forces the journal every 100 ms: for disks whose fsync is slow. A crash of
     * the machine (not of the process) may lose the records of the last 100 ms.
     */
    PERIODIC
}
