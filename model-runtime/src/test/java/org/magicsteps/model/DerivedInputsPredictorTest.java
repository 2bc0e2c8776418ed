package org.magicsteps.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.ProcessedFeatures;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.bundle.Transform;

/** The predictor feeds derived inputs, skips ignored features and imputes absent categories, as the manifest says. */
class DerivedInputsPredictorTest {

    private static final float[] WEIGHTS = {0.5f, -0.25f, 1.0f, -1.0f, 0.1f};

    static ModelBundle bundle() {
        List<FeatureDefinition> features = List.of(
                new FeatureDefinition(FeatureSpec.integer("fase", "", 0, 7), new Transform.Identity(), null, null),
                new FeatureDefinition(FeatureSpec.decimal("score_ipv", "", 2.5, 10).optional(), new Transform.Ignored(),
                        null, null),
                new FeatureDefinition(FeatureSpec.categorical("genero", "", List.of("menina", "menino")).optional(),
                        new Transform.OneHot(List.of("menina", "menino")), null, null, "menino"),
                new FeatureDefinition(FeatureSpec.decimal("score_inde", "", 3, 9.5), new Transform.Identity(), null,
                        null));
        List<DerivedFeature> derived = List.of(new DerivedFeature("fase_x_score_inde", "product",
                new DerivedFeature.Expression.Product(List.of("fase", "score_inde")), new Transform.Identity()));
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, "derived", "derived-1",
                Instant.parse("2024-01-01T00:00:00Z"), "LogisticRegression", 6,
                new OnnxSpec("model.onnx", "input", List.of(-1L, 5L), "logit", List.of(-1L), OutputKind.LOGIT, 0),
                new DecisionThreshold(0.5, "test"), features, TrainingProvenance.of("tests"), Map.of(), derived);
        return ModelBundle.of(manifest, TestGraphs.logistic(WEIGHTS, 0.2f, "input", "logit", true));
    }

    @Test
    void derivedInputsAreComputedIgnoredFeaturesSkippedAndAbsentCategoriesImputed(@TempDir Path dir) {
        bundle().save(dir);
        try (OnnxPredictor predictor = OnnxPredictor.load(dir)) {
            StudentFeatures student = StudentFeatures.builder().fase(2).scoreInde(7.5).genero("Menina")
                    .scoreIpv(9.0).build();
            double[] p = predictor.probabilities(List.of(student, student.without("score_ipv"),
                    student.without("genero")));
            // input: fase, genero=menina, genero=menino, score_inde, fase × score_inde
            double logit = 0.5 * 2 - 0.25 * 1 + 1.0 * 0 - 1.0 * 7.5 + 0.1 * 15 + 0.2;
            assertEquals(1 / (1 + Math.exp(-logit)), p[0], 1e-6);
            assertEquals(p[0], p[1], 0.0, "score_ipv is accepted and ignored");
            double imputed = 0.5 * 2 - 0.25 * 0 + 1.0 * 1 - 1.0 * 7.5 + 0.1 * 15 + 0.2;
            assertEquals(1 / (1 + Math.exp(-imputed)), p[2], 1e-6, "an absent genero is the recorded mode, menino");

            ProcessedFeatures processed = predictor.process(student);
            assertEquals(List.of("fase", "genero=menina", "genero=menino", "score_inde", "fase_x_score_inde"),
                    processed.inputNames());
            assertEquals(15.0, processed.modelInput().get(4), 1e-6);
            assertTrue(predictor.schema().feature("score_ipv").isPresent(), "the API still lists score_ipv");
        }
    }

    @Test
    void aBuildCarriesItsBundlesByName() {
        Optional<ModelBundle> unknown = ModelBundle.bundled("no-such-model");
        assertTrue(unknown.isEmpty());
        assertTrue(ModelBundle.bundled("../etc").isEmpty(), "a name is not a path");
    }
}
