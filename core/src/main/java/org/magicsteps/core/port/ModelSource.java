package org.magicsteps.core.port;

/**
 * Where models are opened from while the service runs: a bundle directory, or the name of a model
 * the build carries. Used to load a model, or a new version of one, without a restart.
 */
public interface ModelSource {

    /**
     * Opens the model at {@code location}, ready to score. The caller closes it (when it is
     * {@link AutoCloseable}) once nothing uses it any more.
     *
     * @throws PortException (or {@link IllegalArgumentException}) whose message says what is wrong
     *     with {@code location}: missing, not a bundle, a manifest or graph that does not load
     */
    Predictor open(String location);
}
