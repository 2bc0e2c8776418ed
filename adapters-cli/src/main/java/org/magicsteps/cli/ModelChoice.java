package org.magicsteps.cli;

import java.nio.file.Path;

import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;

/**
 * Which model a command runs: the one given with {@code --model} (a bundle directory, or the name
 * of a bundle this jar carries: {@code default}, {@code early-warning}), else the bundled default.
 */
final class ModelChoice {

    private ModelChoice() {
    }

    /**
     * @throws picocli.CommandLine.ParameterException (through {@code usage}) when there is no
     *     {@code --model} and this build carries no default model
     */
    static OnnxPredictor open(Path model, picocli.CommandLine commandLine) {
        if (model != null) {
            // A name such as "early-warning" that is not a directory here means a bundle this jar carries.
            if (!java.nio.file.Files.exists(model)) {
                java.util.Optional<ModelBundle> carried = ModelBundle.bundled(model.toString());
                if (carried.isPresent()) {
                    return OnnxPredictor.open(carried.get());
                }
            }
            return OnnxPredictor.load(model);
        }
        return ModelBundle.bundledDefault().map(OnnxPredictor::open).orElseThrow(() ->
                new picocli.CommandLine.ParameterException(commandLine, "Missing option --model=DIR: this build "
                        + "carries no default model, so name a bundle directory (or the original service's export, "
                        + "such as ../shared/models/seed-mlp)"));
    }
}
