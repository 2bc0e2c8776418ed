package org.magicsteps.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's shared files (the original model, the PEDE data), which a plain clone lacks. */
public final class Shared {

    private Shared() {
    }

    /** {@code ../shared/<relative>}, or skips the calling test when it is absent. */
    public static Path require(String relative) {
        String root = System.getProperty("magicsteps.repoRoot");
        assumeTrue(root != null, "magicsteps.repoRoot is not set");
        Path path = Path.of(root, "..", "shared", relative).normalize();
        assumeTrue(Files.exists(path), () -> path + " is absent");
        return path;
    }

    public static Path seedModel() {
        return require("models/seed-mlp");
    }
}
