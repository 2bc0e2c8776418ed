package org.magicsteps.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared files (the original model, the PEDE data), which a plain clone lacks. */
public final class Shared {

    private Shared() {
    }

    /**
     * {@code ../shared/<relative>} (or, in a checkout that does not lie beside it, under the
     * directory {@code -Dmagicsteps.shared} names), or skips the calling test when it is absent.
     */
    public static Path require(String relative) {
        String root = System.getProperty("magicsteps.repoRoot");
        String shared = System.getProperty("magicsteps.shared");
        assumeTrue(root != null || shared != null, "neither magicsteps.repoRoot nor magicsteps.shared is set");
        Path path = (shared != null ? Path.of(shared) : Path.of(root, "..", "shared")).resolve(relative).normalize();
        assumeTrue(Files.exists(path), () -> path + " is absent");
        return path;
    }

    public static Path seedModel() {
        return require("models/seed-mlp");
    }
}
