package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.ManifestJson;

/** Loading fails fast, naming the file at fault and the problem. */
class BundleLoadingTest {

    private static final float[] WEIGHTS = new float[18];

    @TempDir
    Path dir;

    private Path saved() {
        return TestGraphs.pedeBundle(WEIGHTS, 0.25f).save(dir.resolve("bundle"));
    }

    private static void assertLoadFails(Executable load, String source, String problem) {
        ModelLoadException e = assertThrows(ModelLoadException.class, load);
        assertTrue(e.getMessage().startsWith(source + ": "), () -> "expected source " + source + " in: " + e.getMessage());
        assertTrue(e.getMessage().contains(problem), () -> "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void aSavedBundleLoadsBackAndScores() {
        try (OnnxPredictor predictor = OnnxPredictor.load(saved())) {
            StudentFeatures s = predictor.schema().parse(TestGraphs.student()).orThrow();
            assertEquals(1 / (1 + Math.exp(-0.25)), predictor.probabilities(List.of(s))[0], 1e-6);
            assertEquals(19L, predictor.info().parameterCount());
        }
    }

    @Test
    void aMissingDirectory() {
        Path missing = dir.resolve("nowhere");
        assertLoadFails(() -> ModelBundle.load(missing), missing.toString(), "does not exist");
    }

    @Test
    void aDirectoryWithoutManifest() {
        assertLoadFails(() -> ModelBundle.load(dir), dir.toString(), "has no manifest.json");
    }

    @Test
    void unreadableJson() throws IOException {
        Path bundle = saved();
        Files.writeString(bundle.resolve("manifest.json"), "{ \"format_version\": 1,\n  \"name\": ");
        assertLoadFails(() -> ModelBundle.load(bundle), bundle.resolve("manifest.json").toString(),
                "not valid JSON at line 2");
    }

    @Test
    void anInvalidManifestNamesThePath() throws IOException {
        Path bundle = saved();
        String json = Files.readString(bundle.resolve("manifest.json"));
        Files.writeString(bundle.resolve("manifest.json"), json.replace("\"kind\" : \"logit\"", "\"kind\" : \"odds\""));
        assertLoadFails(() -> ModelBundle.load(bundle), bundle.resolve("manifest.json").toString(),
                "onnx.output: 'odds' is not an output kind");
    }

    @Test
    void aMissingOnnxFile() throws IOException {
        Path bundle = saved();
        Files.delete(bundle.resolve("model.onnx"));
        assertLoadFails(() -> ModelBundle.load(bundle), bundle.resolve("model.onnx").toString(),
                "is missing (named by manifest.json's onnx.file)");
    }

    @Test
    void aFileThatIsNotOnnx() throws IOException {
        Path bundle = saved();
        Files.writeString(bundle.resolve("model.onnx"), "this is not a graph");
        assertLoadFails(() -> OnnxPredictor.load(bundle), bundle.resolve("model.onnx").toString(),
                "ONNX Runtime cannot load it");
    }

    @Test
    void anInputNameTheGraphDoesNotHave() {
        BundleManifest manifest = TestGraphs.pedeManifest("m", "1", 18);
        ModelBundle bundle = ModelBundle.of(manifest, TestGraphs.logistic(WEIGHTS, 0, "features", "logit", true));
        assertLoadFails(() -> OnnxPredictor.open(bundle), bundle.onnxSource(),
                "has no input 'input' (the manifest's onnx.input.name); its inputs are [features]");
    }

    @Test
    void anOutputNameTheGraphDoesNotHave() {
        BundleManifest manifest = TestGraphs.pedeManifest("m", "1", 18);
        ModelBundle bundle = ModelBundle.of(manifest, TestGraphs.logistic(WEIGHTS, 0, "input", "score", true));
        assertLoadFails(() -> OnnxPredictor.open(bundle), bundle.onnxSource(),
                "has no output 'logit' (the manifest's onnx.output.name); its outputs are [score]");
    }

    @Test
    void aFeatureCountMismatch() throws IOException {
        Path bundle = saved();
        Files.write(bundle.resolve("model.onnx"), TestGraphs.logistic(new float[17], 0, "input", "logit", true));
        assertLoadFails(() -> OnnxPredictor.load(bundle), bundle.resolve("model.onnx").toString(),
                "input 'input' takes 17 values per student, but the manifest's 18 features make 18 (feature count mismatch)");
    }

    @Test
    void anOutputShapeMismatch() throws IOException {
        Path bundle = saved();
        Files.write(bundle.resolve("model.onnx"), TestGraphs.logistic(WEIGHTS, 0, "input", "logit", false));
        assertLoadFails(() -> OnnxPredictor.load(bundle), bundle.resolve("model.onnx").toString(),
                "output 'logit' has shape [batch, 1], but the manifest's onnx.output.shape is [batch]");
    }

    @Test
    void aManifestWhoseFeaturesDoNotFillTheInput() throws IOException {
        Path bundle = saved();
        String json = Files.readString(bundle.resolve("manifest.json"));
        Files.writeString(bundle.resolve("manifest.json"), json.replace("[ \"batch\", 18 ]", "[ \"batch\", 19 ]"));
        assertLoadFails(() -> ModelBundle.load(bundle), bundle.resolve("manifest.json").toString(),
                "the 18 features make 18 model inputs, but the onnx input shape [batch, 19] takes 19");
    }

    @Test
    void aBundleLoadsFromTheClasspath() throws IOException {
        // The test classes directory is on the classpath; a bundle written there is a classpath resource.
        Path classpathRoot = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().getPath());
        Path target = classpathRoot.resolve("bundles/synthetic");
        ModelBundle original = TestGraphs.pedeBundle(WEIGHTS, 0.25f);
        original.save(target);
        ModelBundle loaded = ModelBundle.fromClasspath("bundles/synthetic");
        assertEquals(original.manifest(), loaded.manifest());
        assertEquals(original.onnxFingerprint(), loaded.onnxFingerprint());
        assertEquals("classpath:bundles/synthetic/", loaded.origin());
        assertLoadFails(() -> ModelBundle.fromClasspath("bundles/absent"), "classpath:bundles/absent/manifest.json",
                "is missing");
        Files.write(target.resolve("manifest.json"),
                new String(ManifestJson.write(original.manifest()), StandardCharsets.UTF_8)
                        .replace("\"file\" : \"model.onnx\"", "\"file\" : \"other.onnx\"").getBytes(StandardCharsets.UTF_8));
        assertLoadFails(() -> ModelBundle.fromClasspath("bundles/synthetic"), "classpath:bundles/synthetic/other.onnx",
                "is missing");
    }

    @Test
    void theSeedExportLoadsWithSeparateValidationAndScaling() {
        ModelBundle seed = ModelBundle.load(Shared.seedModel());
        BundleManifest manifest = seed.manifest();
        assertEquals("seed-mlp", manifest.name());
        assertTrue(manifest.version().matches("seed-[0-9a-f]{12}"), manifest.version());
        var inde = manifest.features().get(3);
        assertEquals("score_inde", inde.name());
        assertEquals(3.0, inde.spec().minimum());
        assertEquals(9.5, inde.spec().maximum());
        assertEquals(new org.magicsteps.model.bundle.Transform.MinMax(3.032, 9.442), inde.transform());
        assertTrue(manifest.schema().feature("turma").orElseThrow().acceptsUnknownCategory());
        assertTrue(!manifest.schema().feature("genero").orElseThrow().acceptsUnknownCategory());
        assertTrue(!manifest.schema().feature("pedra_modal").orElseThrow().acceptsUnknownCategory());
        assertTrue(manifest.parameterCount() > 1000, () -> "parameters: " + manifest.parameterCount());
    }
}
