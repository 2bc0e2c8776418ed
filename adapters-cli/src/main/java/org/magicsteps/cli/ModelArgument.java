package org.magicsteps.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.magicsteps.model.ModelBundle;
import picocli.CommandLine;

/**
 * A {@code --model} value: a bundle directory (or the original service's export), or the name of
 * a bundle this jar carries ({@value ModelBundle#DEFAULT_NAME}, {@code early-warning}).
 */
final class ModelArgument {

    /** The bundles the jar may carry, for messages. */
    static final List<String> BUNDLED = List.of(ModelBundle.DEFAULT_NAME, "early-warning");

    private ModelArgument() {
    }

    /**
     * @throws CommandLine.ParameterException when the value is neither an existing path nor a carried bundle
     * @throws org.magicsteps.model.ModelLoadException when the bundle is there but cannot be loaded
     */
    static ModelBundle load(CommandLine commandLine, String value) {
        Path path = Path.of(value);
        if (Files.exists(path)) {
            return ModelBundle.load(path);
        }
        return ModelBundle.bundled(value).orElseThrow(() -> new CommandLine.ParameterException(commandLine,
                "--model: '" + value + "' is neither a bundle directory nor a model this jar carries (" + String.join(
                        ", ", BUNDLED.stream().filter(n -> ModelBundle.bundled(n).isPresent()).toList()) + ")"));
    }
}
