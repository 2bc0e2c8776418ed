package org.magicsteps.core.port;

/**
 * Something outside the domain failed: a store could not be reached, a model could not run.
 * Adapters wrap their drivers' errors in it, so that callers handle one type and no driver type
 * leaks out of an adapter.
 */
public class PortException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PortException(String message) {
        super(message);
    }

    public PortException(String message, Throwable cause) {
        super(message, cause);
    }
}
