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
import org.magicsteps.model.bundle.DerivedFeature.Expression;

/**
 * The additions trained bundles need: derived inputs computed from raw features, features the
 * model ignores, and the imputed category of a categorical feature.
 */
class FormatExtensionTest {

    static List<FeatureDefinition> features() {
        return List.of(
                new FeatureDefinition(FeatureSpec.integer("fase", "phase", 0, 7), new Transform.Standard(3, 2), 3.0,
                        null),
                new FeatureDefinition(FeatureSpec.decimal("score_inde", "index", 3, 9.5).optional(),
                        new Transform.Standard(7, 0.5), 6.0, null),
                new FeatureDefinition(FeatureSpec.decimal("score_ipv", "ignored", 2.5, 10).optional(),
                        new Transform.Ignored(), null, null),
                new FeatureDefinition(FeatureSpec.categorical("genero", "gender", List.of("menina", "menino")).optional(),
                        new Transform.OneHot(List.of("menina", "menino")), null, null, "Menina"));
    }

    static List<DerivedFeature> derived() {
        return List.of(
                new DerivedFeature("fase_and_inde", "mean", new Expression.Mean(List.of("fase", "score_inde")),
                        new Transform.Standard(5, 2)),
                new DerivedFeature("score_inde_squared", "square", new Expression.Product(List.of("score_inde",
                        "score_inde")), new Transform.Identity()),
                new DerivedFeature("inde_per_phase", "ratio", new Expression.Ratio("score_inde", "fase", 1),
                        new Transform.Identity()));
    }

    static BundleManifest manifest() {
        return new BundleManifest(1, "derived", "d-1", Instant.parse("2024-05-01T12:00:00Z"), "LogisticRegression", 8,
                new OnnxSpec("model.onnx", "input", List.of(-1L, 7L), "output", List.of(-1L, 2L),
                        OutputKind.PROBABILITY, 1),
                new DecisionThreshold(0.3, "test"), features(), TrainingProvenance.of("test"), Map.of(), derived());
    }

    @Test
    void derivedFeaturesIgnoredFeaturesAndImputedCategoriesSurviveWritingAndReading() {
        BundleManifest manifest = manifest();
        byte[] json = ManifestJson.write(manifest);
        assertEquals(manifest, ManifestJson.read(json));
        assertArrayEquals(json, ManifestJson.write(ManifestJson.read(json)));
        String text = new String(json, StandardCharsets.UTF_8);
        for (String key : List.of("\"derived\" : [", "\"kind\" : \"ignored\"", "\"imputation\" : \"menina\"",
                "\"kind\" : \"ratio\"", "\"denominator\" : \"fase\"", "\"offset\" : 1.0", "\"of\" : [ \"fase\", "
                        + "\"score_inde\" ]")) {
            assertTrue(text.contains(key), () -> key + " missing from\n" + text);
        }
        assertEquals(List.of("fase", "score_inde", "genero=menina", "genero=menino", "fase_and_inde",
                "score_inde_squared", "inde_per_phase"), manifest.inputNames());
        assertEquals(7, manifest.inputWidth());
    }

    @Test
    void aManifestWithoutDerivedFeaturesIsWrittenAsBefore() {
        String text = new String(ManifestJson.write(ManifestJsonTest.everyPart()), StandardCharsets.UTF_8);
        assertTrue(!text.contains("derived"), text);
    }

    @Test
    void theEncoderComputesDerivedInputsFromRawValuesAndImputesAbsentOnes() {
        InputEncoder encoder = manifest().encoder();
        float[] out = new float[7];
        encoder.encode(Map.of("fase", 3.0, "score_inde", 7.5, "score_ipv", 9.9, "genero", "menino"), out, 0);
        assertArrayEquals(new float[] {0f, 1f, 0f, 1f, (float) ((5.25 - 5) / 2), 56.25f, 7.5f / 4}, out, 1e-6f);

        encoder.encode(Map.of("fase", 1.0), out, 0);
        assertArrayEquals(new float[] {-1f, -2f, 1f, 0f, (float) ((3.5 - 5) / 2), 36f, 3f}, out, 1e-6f,
                "score_inde imputed as 6 in its own input and in the derived ones; genero as menina");
    }

    @Test
    void aDerivedFeatureMustReadNumericFeaturesTheModelCanAlwaysSupply() {
        assertRefused(new DerivedFeature("x", "", new Expression.Mean(List.of("fase", "score_ipv")),
                new Transform.Identity()), "reads 'score_ipv', which the model ignores");
        assertRefused(new DerivedFeature("x", "", new Expression.Mean(List.of("fase", "idade")),
                new Transform.Identity()), "reads 'idade', which is not a feature of the model");
        assertRefused(new DerivedFeature("x", "", new Expression.Product(List.of("fase", "genero")),
                new Transform.Identity()), "reads 'genero', which is not numeric");
        assertRefused(new DerivedFeature("x", "", new Expression.Ratio("score_inde", "fase", 0),
                new Transform.Identity()), "the denominator fase + 0.0 must be positive for every valid value");
        assertRefused(new DerivedFeature("fase", "", new Expression.Mean(List.of("fase")), new Transform.Identity()),
                "repeats a feature or derived name");
        assertThrows(IllegalArgumentException.class, () -> new DerivedFeature("x", "", new Expression.Mean(List.of(
                "fase")), new Transform.OneHot(List.of("a"))));
        assertThrows(IllegalArgumentException.class, () -> new Expression.Product(List.of("fase")));
    }

    @Test
    void onlyCategoricalFeaturesTakeAnImputedCategory() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FeatureDefinition(
                FeatureSpec.integer("fase", "", 0, 7), new Transform.Identity(), null, null, "zero"));
        assertTrue(e.getMessage().contains("a numeric feature is imputed with a number"), e.getMessage());
    }

    @Test
    void anUnknownExpressionKindIsRefusedByPath() {
        String good = new String(ManifestJson.write(manifest()), StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManifestJson.read(
                good.replace("\"kind\" : \"ratio\"", "\"kind\" : \"log\"").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("derived[2].expression.kind: 'log' is not a derived expression"),
                e.getMessage());
    }

    private static void assertRefused(DerivedFeature derived, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new InputEncoder(features(), List.of(derived)));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }
}
