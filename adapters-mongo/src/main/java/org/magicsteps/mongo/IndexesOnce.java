package org.magicsteps.mongo;

import com.mongodb.MongoException;

/**
 * Creates a collection's indexes before its first write. Creation is retried on each write until it
 * succeeds once, so that a store opened while MongoDB is down still gets its indexes, and no write
 * (in particular none that relies on a unique index) happens before them.
 */
final class IndexesOnce {

    private final String collection;
    private final Runnable create;
    private volatile boolean created;

    IndexesOnce(String collection, Runnable create) {
        this.collection = collection;
        this.create = create;
    }

    /**
     * @throws org.magicsteps.core.port.PortException when the indexes cannot be created
     */
    void ensure() {
        if (created) {
            return;
        }
        synchronized (this) {
            if (!created) {
                try {
                    create.run();
                } catch (MongoException e) {
                    throw MongoFailures.wrap("creating the indexes of '" + collection + "'", e);
                }
                created = true;
            }
        }
    }

    /** Tries once, for start-up; a failure is left for the first write to retry. */
    boolean tryEnsure() {
        try {
            ensure();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
