package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSpec;

class ManifestJsonTest {

    /** A manifest that uses every part of the format. */
    static BundleManifest everyPart() {
        List<FeatureDefinition> features = List.of(
                new FeatureDefinition(FeatureSpec.integer("fase", "phase", 0, 7), new Transform.MinMax(0, 7), null,
                        ReferenceHistogram.numeric(List.of(0.0, 3.5, 7.0), List.of(10L, 4L))),
                new FeatureDefinition(FeatureSpec.decimal("score_inde", "index", 3, 9.5).optional(),
                        new Transform.Standard(6.5, 1.25), 6.4, null),
                new FeatureDefinition(FeatureSpec.decimal("score_ida", "", 0, 10), new Transform.Identity(), null, null),
                new FeatureDefinition(FeatureSpec.categorical("turma", "class", List.of("a", "b"))
                        .acceptingUnknownCategories(), new Transform.Ordinal(List.of("a", "b"), -1), null,
                        ReferenceHistogram.categorical(List.of("a", "b"), List.of(3L, 5L))),
                new FeatureDefinition(FeatureSpec.categorical("genero", "gender", List.of("menina", "menino")),
                        new Transform.OneHot(List.of("menina", "menino")), null, null));
        return new BundleManifest(1, "test-model", "1.2.3", Instant.parse("2024-05-01T12:00:00Z"), "LogisticRegression",
                7, new OnnxSpec("model.onnx", "input", List.of(-1L, 6L), "output", List.of(-1L, 2L),
                        OutputKind.PROBABILITY, 1),
                new DecisionThreshold(0.42, "maximises F1 on validation folds"), features,
                new TrainingProvenance("magic-steps train", "magic-steps train --data x.csv --seed 7", "x.csv",
                        "sha256:abc", 550L, 7L, Map.of("excluded", "score_ipv")),
                Map.of("roc_auc", 0.91, "f1", 0.7));
    }

    @Test
    void aManifestSurvivesWritingAndReading() {
        BundleManifest manifest = everyPart();
        byte[] json = ManifestJson.write(manifest);
        assertEquals(manifest, ManifestJson.read(json));
        assertArrayEquals(json, ManifestJson.write(ManifestJson.read(json)), "writing is deterministic");
        assertEquals(List.of("fase", "score_inde", "score_ida", "turma", "genero=menina", "genero=menino"),
                manifest.inputNames());
    }

    @Test
    void theJsonUsesTheDocumentedKeys() {
        String json = new String(ManifestJson.write(everyPart()), StandardCharsets.UTF_8);
        for (String key : List.of("\"format_version\" : 1", "\"created_at\" : \"2024-05-01T12:00:00Z\"",
                "\"shape\" : [ \"batch\", 6 ]", "\"kind\" : \"probability\"", "\"positive_index\" : 1",
                "\"accept_unknown\" : true", "\"kind\" : \"one_hot\"", "\"unknown_code\" : -1.0",
                "\"data_fingerprint\" : \"sha256:abc\"", "\"roc_auc\" : 0.91")) {
            assertTrue(json.contains(key), () -> key + " missing from\n" + json);
        }
    }

    @Test
    void refusalsNameTheJsonPath() {
        String good = new String(ManifestJson.write(everyPart()), StandardCharsets.UTF_8);
        assertProblem(good.replace("\"kind\" : \"minmax\",\n      \"min\" : 0.0,", "\"kind\" : \"minmax\","),
                "features[0].transform.min: is missing");
        assertProblem(good.replace("\"imputation\" : 6.4", "\"imputaton\" : 6.4"),
                "features[1].imputaton: is not a known key here");
        assertProblem(good.replace("\"kind\" : \"probability\"", "\"kind\" : \"odds\""),
                "onnx.output: 'odds' is not an output kind");
        assertProblem(good.replace("\"format_version\" : 1", "\"format_version\" : 2"),
                "format_version: 2 is not supported");
        assertProblem(good.replace("[ \"batch\", 6 ]", "[ \"batch\", 7 ]"),
                "the 5 features make 6 model inputs, but the onnx input shape [batch, 7] takes 7");
        assertProblem(good.replace("\"kind\" : \"standard\"", "\"kind\" : \"log\""),
                "features[1].transform.kind: 'log' is not a transform");
        assertProblem("{ \"name\": ", "not valid JSON at line 1");
        assertProblem("[1, 2]", "not a JSON object");
    }

    @Test
    void databindRefusalsNameTheJsonPathToo() {
        String good = new String(ManifestJson.write(everyPart()), StandardCharsets.UTF_8);
        assertProblem(good.replace("\"mean\" : 6.5", "\"mean\" : \"6.5\""), "features[1].transform.mean: must be a number");
        assertProblem(good.replace("\"parameter_count\" : 7", "\"parameter_count\" : 7.5"),
                "parameter_count: must be a whole number");
        assertProblem(good.replace("\"name\" : \"test-model\"", "\"name\" : 5"), "name: must be a string");
        assertProblem(good.replace("\"required\" : true", "\"required\" : 1"), "features[0].required: must be true or false");
        assertProblem(good.replace("\"version\" : \"1.2.3\",", "\"version\" : \"1.2.3\", \"version\" : \"2\","),
                "Duplicate field 'version'");
        assertProblem(good.replace("\"kind\" : \"minmax\",", ""), "features[0].transform.kind: is missing");
        assertProblem(good.replace("\"created_at\" : \"2024-05-01T12:00:00Z\"", "\"created_at\" : \"yesterday\""),
                "created_at: 'yesterday' is not an ISO-8601 instant");
        assertProblem(good.replaceFirst("\"categories\" : \\[ \"a\", \"b\" \\],(\\s*)\"accept_unknown\"",
                "\"min\" : 1, \"categories\" : [ \"a\", \"b\" ],$1\"accept_unknown\""),
                "features[3].validation.min: is not a known key here; expected one of categories, accept_unknown");
        assertProblem(good.replace("\"features\" : [ {", "\"features\" : [ null, {"), "features[0]: is missing");
        assertProblem(good.replace("\"counts\" : [ 10, 4 ]", "\"counts\" : [ 10, -4 ]"),
                "features[0].histogram: histogram counts must not be negative");
        assertProblem(good + " {}", "not valid JSON");
        assertProblem("", "is empty");
    }

    @Test
    void theCommittedManifestsAreWrittenBackByteForByte() throws Exception {
        java.nio.file.Path models = java.nio.file.Path.of(System.getProperty("magicsteps.repoRoot", ".."), "models");
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            byte[] committed = java.nio.file.Files.readAllBytes(models.resolve(name).resolve("manifest.json"));
            assertEquals(new String(committed, StandardCharsets.UTF_8),
                    new String(ManifestJson.write(ManifestJson.read(committed)), StandardCharsets.UTF_8), name);
        }
    }

    private static void assertProblem(String json, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }
}
