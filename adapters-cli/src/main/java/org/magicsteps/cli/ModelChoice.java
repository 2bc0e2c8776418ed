package org.magicsteps.cli;

import java.nio.file.Path;

import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;

/**
 * Which model a command runs. A {@code --model} (or {@code MODEL_DIR}) value is a bundle directory
 * (or the original service's export), or the name of a bundle this jar carries
 * ({@value ModelBundle#DEFAULT_NAME}, {@code early-warning}, ...); no value means the bundled
 * default.
 */
public final class ModelChoice {

    private ModelChoice() {
    }

    /**
     * @param value a directory or a carried bundle's name, or {@code null} for the bundled default
     * @throws ConfigException when {@code value} is neither, or no default is carried
     * @throws org.magicsteps.model.ModelLoadException when the bundle is there but cannot be loaded
     */
    public static ModelBundle bundle(String value) {
        if (value == null) {
            return ModelBundle.bundledDefault().orElseThrow(() -> new ConfigException(
                    "this build carries no bundled model: name a bundle directory with --model DIR (or MODEL_DIR)"));
        }
        return ModelBundle.locate(value).orElseThrow(() -> new ConfigException("--model: '" + value
                + "' is neither a bundle directory nor a model this jar carries ("
                + String.join(", ", ModelBundle.carried()) + ")"));
    }

    /** The predictor of {@link #bundle(String)}; the caller closes it. */
    static OnnxPredictor open(String value) {
        return OnnxPredictor.open(bundle(value));
    }

    /** The same, for an option typed as a path. */
    static OnnxPredictor open(Path value) {
        return open(value == null ? null : value.toString());
    }
}
