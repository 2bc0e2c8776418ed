package org.magicsteps.cli;

import java.nio.file.Path;

import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;

/** Which model a command runs: the one given with {@code --model}, else the bundled default. */
final class ModelChoice {

    private ModelChoice() {
    }

    /**
     * @throws picocli.CommandLine.ParameterException (through {@code usage}) when there is no
     *     {@code --model} and this build carries no default model
     */
    static OnnxPredictor open(Path model, picocli.CommandLine commandLine) {
        if (model != null) {
            return OnnxPredictor.load(model);
        }
        return ModelBundle.bundledDefault().map(OnnxPredictor::open).orElseThrow(() ->
                new picocli.CommandLine.ParameterException(commandLine, "Missing option --model=DIR: this build "
                        + "carries no default model, so name a bundle directory (or the original service's export, "
                        + "such as ../shared/models/seed-mlp)"));
    }
}
