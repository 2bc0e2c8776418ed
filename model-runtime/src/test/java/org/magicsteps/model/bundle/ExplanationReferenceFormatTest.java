package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.StudentFeatures;

/** What the explainer and drift need in a manifest: input means, a background sample, missing counts. */
class ExplanationReferenceFormatTest {

    static BundleManifest withReference() {
        BundleManifest manifest = FormatExtensionTest.manifest();
        List<FeatureDefinition> features = new ArrayList<>(manifest.features());
        features.set(0, features.get(0).withHistogram(ReferenceHistogram.ofValues(new double[] {0, 1, 1, 3, 7}, 2)));
        features.set(3, features.get(3).withHistogram(ReferenceHistogram.ofWords(List.of("menina", "menino"),
                List.of("menina", "menina", "menino"), 1)));
        ExplanationReference reference = new ExplanationReference("two training rows, seed 7",
                List.of(0.0, -0.5, 0.5, 0.5, 0.1, 40.0, 2.5),
                List.of(new StudentFeatures(Map.of("fase", 3.0, "score_inde", 7.5, "genero", "menino")),
                        new StudentFeatures(Map.of("fase", 1.0, "score_ipv", 9.9))));
        return manifest.withFeatures(features).withExplanation(reference);
    }

    @Test
    void theReferenceAndTheMissingCountsSurviveWritingAndReading() {
        BundleManifest manifest = withReference();
        byte[] json = ManifestJson.write(manifest);
        assertEquals(manifest, ManifestJson.read(json));
        assertArrayEquals(json, ManifestJson.write(ManifestJson.read(json)));
        String text = new String(json, StandardCharsets.UTF_8);
        for (String key : List.of("\"explanation\" : {", "\"source\" : \"two training rows, seed 7\"",
                "\"input_means\" : [ 0.0, -0.5,", "\"background\" : [ {", "\"missing\" : 2", "\"missing\" : 1")) {
            assertTrue(text.contains(key), () -> key + " missing from\n" + text);
        }
    }

    @Test
    void histogramsAreBuiltAsTrainingBuildsThem() {
        ReferenceHistogram numbers = ReferenceHistogram.ofValues(new double[] {0, 1, 1, 3, 10}, 4);
        assertEquals(11, numbers.edges().size());
        assertEquals(List.of(1L, 2L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 1L), numbers.counts());
        assertEquals(4L, numbers.missing());
        assertEquals(List.of(2.0, 3.0), ReferenceHistogram.ofValues(new double[] {2, 2}, 0).edges());
        ReferenceHistogram words = ReferenceHistogram.ofWords(List.of("b", "a"), List.of("c", "a", "c"), 0);
        assertEquals(List.of("a", "b", "c"), words.categories());
        assertEquals(List.of(1L, 0L, 2L), words.counts());
    }

    @Test
    void aBackgroundStudentOutsideTheRulesOrMeansOfTheWrongWidthAreRefused() {
        String json = new String(ManifestJson.write(withReference()), StandardCharsets.UTF_8);
        IllegalArgumentException wrongValue = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.read(json.replace("\"fase\" : 3.0", "\"fase\" : 30.0").getBytes(StandardCharsets.UTF_8)));
        assertTrue(wrongValue.getMessage().contains("explanation.background[0]: fase: 30"), wrongValue.getMessage());
        IllegalArgumentException notAValue = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.read(json.replace("\"genero\" : \"menino\"", "\"genero\" : true")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(notAValue.getMessage().startsWith("explanation.background[0].genero: must be a number or a word"),
                notAValue.getMessage());
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> ManifestJson.read(json.replace("\"input_means\" : [ 0.0, ", "\"input_means\" : [ ")
                        .getBytes(StandardCharsets.UTF_8)));
        assertTrue(width.getMessage().contains("explanation.input_means holds 6 means, but the model takes 7 inputs"),
                width.getMessage());
    }
}
