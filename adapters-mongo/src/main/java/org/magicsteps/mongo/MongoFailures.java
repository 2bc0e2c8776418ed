package org.magicsteps.mongo;

import org.magicsteps.core.port.PortException;

import com.mongodb.MongoException;

/** Turns the driver's errors into {@link PortException}s that say what we were doing. */
final class MongoFailures {

    private MongoFailures() {
    }

    /**
     * @param doing what failed, such as {@code "reading user 'ana'"}
     */
    static PortException wrap(String doing, MongoException e) {
        // The driver's messages name hosts and error codes but never a password.
        return new PortException("MongoDB: " + doing + " failed: " + e.getMessage(), e);
    }
}
