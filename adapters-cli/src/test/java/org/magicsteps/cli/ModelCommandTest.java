package org.magicsteps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.Shared;
import org.magicsteps.model.TestGraphs;

class ModelCommandTest {

    @TempDir
    Path dir;

    @Test
    void theOriginalExportImportsAsABundleThatScoresTheSame() {
        Path seed = Shared.seedModel();
        Path out = dir.resolve("seed-bundle");
        CliRun run = CliRun.of("model", "import", "--from", seed.toString(), "--out", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("imported seed-mlp seed-"), run.out());
        assertTrue(Files.exists(out.resolve("manifest.json")) && Files.exists(out.resolve("model.onnx")));
        try (OnnxPredictor original = OnnxPredictor.load(seed); OnnxPredictor imported = OnnxPredictor.load(out)) {
            var student = original.schema().parse(TestGraphs.student()).orThrow();
            assertEquals(original.probabilities(List.of(student))[0], imported.probabilities(List.of(student))[0], 0.0);
            assertEquals(original.info(), imported.info());
        }
        CliRun info = CliRun.of("model", "info", "--model", out.toString());
        assertEquals(0, info.exitCode(), info::toString);
        assertTrue(info.out().contains("threshold  0.5 (the original Python service's default_threshold)"), info.out());
        assertTrue(info.out().matches(
                "(?s).*score_inde\\s+float\\s+yes\\s+0–10\\s+3\\.032–9\\.442\\s+minmax 3\\.032–9\\.442.*"),
                info.out());
        assertTrue(info.out().contains("(others accepted as unknown)"), info.out());
    }

    @Test
    void importRenamesRefusesToOverwriteAndNamesBrokenFiles() throws IOException {
        Path source = TestGraphs.pedeBundle(new float[18], 0f).save(dir.resolve("source"));
        Path out = dir.resolve("renamed");
        CliRun run = CliRun.of("model", "import", "--from", source.toString(), "--out", out.toString(), "--name",
                "early-warning", "--version", "2025.1");
        assertEquals(0, run.exitCode(), run::toString);
        ModelBundle renamed = ModelBundle.load(out);
        assertEquals("early-warning", renamed.manifest().name());
        assertEquals("2025.1", renamed.manifest().version());

        CliRun again = CliRun.of("model", "import", "--from", source.toString(), "--out", out.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("--out " + out + " is not empty; pass --force"), again.err());
        assertEquals(0, CliRun.of("model", "import", "--from", source.toString(), "--out", out.toString(), "--force")
                .exitCode());

        Files.writeString(source.resolve("manifest.json"), "{ broken");
        CliRun broken = CliRun.of("model", "import", "--from", source.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, broken.exitCode());
        assertTrue(broken.err().contains("error: " + source.resolve("manifest.json") + ": not valid JSON at line 1"),
                broken.err());
        assertTrue(!Files.exists(dir.resolve("x")));
    }

    @Test
    void infoCanPrintTheManifest() {
        Path source = TestGraphs.pedeBundle(new float[18], 0f).save(dir.resolve("source"));
        CliRun run = CliRun.of("model", "info", "--model", source.toString(), "--json");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"format_version\" : 1"), run.out());
    }
}
