package org.magicsteps.model.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.TestGraphs;

/** The one-pass path (check and encode together) accepts and writes exactly what the two apart do. */
class InputEncoderTest {

    private static void assertSameAsCheckThenEncode(BundleManifest manifest, Map<String, Object> values) {
        FeatureSchema schema = manifest.schema();
        InputEncoder encoder = manifest.encoder();
        float[] onePass = new float[encoder.width()];
        boolean accepted = encoder.encodeIfValid(values, onePass, 0);
        assertEquals(schema.check(new StudentFeatures(values)).isEmpty(), accepted, values.toString());
        if (accepted) {
            float[] apart = new float[encoder.width()];
            encoder.encode(values, apart, 0);
            assertArrayEquals(apart, onePass, values.toString());
        }
    }

    @Test
    void randomStudentsOfTheCommittedBundlesAreAcceptedAndEncodedAlike() {
        Random random = new Random(3);
        for (String name : List.of("default", "early-warning", "early-warning-strict")) {
            Path directory = Path.of(System.getProperty("magicsteps.repoRoot", "."), "models", name);
            BundleManifest manifest = ModelBundle.load(directory).manifest();
            for (int i = 0; i < 300; i++) {
                Map<String, Object> values = new StudentFeatures(TestGraphs.student()).values().entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue,
                                (a, b) -> a, java.util.LinkedHashMap::new));
                switch (random.nextInt(6)) {
                    case 0 -> values.remove("turma");                       // optional: imputed
                    case 1 -> values.remove("nota_cg");                     // required: refused
                    case 2 -> values.put("fase", 9.0);                      // out of range
                    case 3 -> values.put("unknown_feature", 1.0);           // not the model's
                    case 4 -> values.put("pedra_modal", "diamante");        // not a category
                    default -> values.put("score_inde", 3 + 6.5 * random.nextDouble());
                }
                assertSameAsCheckThenEncode(manifest, values);
            }
        }
    }

    @Test
    void theSyntheticBundleToo() {
        BundleManifest manifest = TestGraphs.pedeBundle(new float[18], 0f).manifest();
        assertSameAsCheckThenEncode(manifest, new StudentFeatures(TestGraphs.student()).values());
        assertTrue(manifest.encoder().width() > 0);
    }
}
