package org.magicsteps.core.usecase;

/**
 * A change to the models served was refused, and nothing changed: the bundle does not load or
 * fails its probe, or the change would leave the service without its default model. The message
 * says why.
 */
public final class ModelRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelRefusedException(String reason) {
        super(reason);
    }

    public ModelRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
