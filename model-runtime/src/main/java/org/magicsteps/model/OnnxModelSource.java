package org.magicsteps.model;

import org.magicsteps.core.port.ModelSource;
import org.magicsteps.core.port.Predictor;

/**
 * Opens models while the service runs: a bundle directory (or the original service's export), or
 * a bundle this build carries, each as an {@link OnnxPredictor} the caller closes.
 */
public final class OnnxModelSource implements ModelSource {

    /**
     * @throws ModelLoadException naming the file at fault and the problem, or {@code location}
     *     when it is neither a directory nor a carried bundle's name
     */
    @Override
    public Predictor open(String location) {
        return OnnxPredictor.open(ModelBundle.locate(location).orElseThrow(() -> new ModelLoadException(location,
                "is neither a bundle directory nor a model this build carries (" + String.join(", ",
                        ModelBundle.carried()) + ")")));
    }
}
