package org.magicsteps.core.usecase;

/** An explanation was asked of a model that cannot explain its predictions; nothing was predicted. */
public final class CannotExplainException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CannotExplainException(String model) {
        super("the model " + model + " cannot explain its predictions");
    }
}
