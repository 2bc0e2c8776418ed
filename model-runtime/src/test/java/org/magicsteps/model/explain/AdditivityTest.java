package org.magicsteps.model.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.ModelBundle;
import org.magicsteps.model.OnnxPredictor;
import org.magicsteps.model.Shared;
import org.magicsteps.model.data.PedeSheet;
import org.magicsteps.model.data.PedeSheetReader;

/**
 * The additive property, for every model the project serves: base value + Σ contribution is the
 * model's log-odds for the student, within 1e-6 where the contributions are exact (the two
 * early-warning ridges, except for students whose log-odds the graph clips at ±16) and 1e-4 with
 * Kernel SHAP (the boosted trees of the default model, the original MLP, the clipped students), on
 * generated students always and on every student of the shared 2022 sheet when it is there.
 *
 * <p>For a linear bundle the log-odds is the graph's affine function of the encoded input computed in
 * double precision from its own weights; ONNX Runtime computes the same function in float32, so the
 * test also checks that the probability an explanation implies is the one answered, to float32
 * rounding (5e-6; measured at most 8.4e-7).
 */
class AdditivityTest {

    /** Each model with how it is explained: the default and the strict early warning are boosted trees; the early warning is a ridge clipped at ±16. */
    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("default", Explanation.KERNEL_SHAP),
                Arguments.of("early-warning", Explanation.LINEAR),
                Arguments.of("early-warning-strict", Explanation.KERNEL_SHAP),
                Arguments.of("seed-mlp", Explanation.KERNEL_SHAP));
    }

    private static ModelBundle bundle(String name) {
        return name.equals("seed-mlp") ? ModelBundle.load(Shared.seedModel())
                : ModelBundle.bundled(name).orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void generatedStudentsAddUp(String name, String method) {
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle(name))) {
            assertAddsUp(predictor, generated(predictor.schema(), 200, 7), method);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everySharedStudentOf2022AddsUp(String name, String method) {
        Path sheet = Shared.require("data/pede2022.xlsx");
        try (OnnxPredictor predictor = OnnxPredictor.open(bundle(name))) {
            List<StudentFeatures> students = new ArrayList<>();
            try (PedeSheet rows = PedeSheetReader.forSchema(predictor.schema()).open(sheet, null)) {
                rows.rows().forEach(row -> students.add(predictor.schema().parse(row.features()).orThrow()));
            }
            assertEquals(688, students.size());
            assertAddsUp(predictor, students, method);
        }
    }

    /**
     * @param method how the model is explained; a linear model whose graph clips the log-odds is
     *     explained by Kernel SHAP for the students it clips
     */
    static void assertAddsUp(OnnxPredictor predictor, List<StudentFeatures> students, String method) {
        List<Explanation> explanations = predictor.explainer().orElseThrow().explain(students);
        double[] logOdds = predictor.logOdds(students);
        double[] probabilities = predictor.probabilities(students);
        double worst = 0;
        double worstProbability = 0;
        int linear = 0;
        for (int i = 0; i < students.size(); i++) {
            Explanation e = explanations.get(i);
            double tolerance = e.method().equals(Explanation.LINEAR) ? 1e-6 : 1e-4;
            if (method.equals(Explanation.LINEAR)) {
                linear += e.method().equals(Explanation.LINEAR) ? 1 : 0;
                assertTrue(e.method().equals(Explanation.LINEAR) || Math.abs(logOdds[i]) >= 16 - 1e-9,
                        "student " + i + ": only a clipped student is not explained as linear, log-odds " + logOdds[i]);
            } else {
                assertEquals(method, e.method());
            }
            double error = Math.abs(e.logOdds() - logOdds[i]);
            worst = Math.max(worst, error);
            assertTrue(error <= tolerance, "student " + i + ": base + Σ = " + e.logOdds() + ", log-odds " + logOdds[i]);
            double implied = 1 / (1 + Math.exp(-e.logOdds()));
            worstProbability = Math.max(worstProbability, Math.abs(implied - probabilities[i]));
            // Tribuo's graph computes both class scores in float32 before the softmax: a few 1e-7 of rounding.
            assertEquals(probabilities[i], implied, 5e-6, "student " + i
                    + ": the probability the explanation implies is the one answered");
        }
        if (method.equals(Explanation.LINEAR)) {
            assertTrue(linear > 0, "no student explained exactly");
        }
        System.out.printf("%s: %d students (%d exactly), worst |base + Σ − log-odds| = %.3g, |implied − answered p| "
                + "= %.3g%n", predictor.info().name(), students.size(), linear, worst, worstProbability);
    }

    /**
     * Valid students drawn uniformly within each feature's accepted range, or, where the PEDE domain
     * leaves one bound open, within what training saw widened by a fifth (values the model never saw,
     * which it answers with a warning); a word from the accepted categories, else the trained ones.
     */
    static List<StudentFeatures> generated(FeatureSchema schema, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<StudentFeatures> students = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> raw = new java.util.LinkedHashMap<>();
            for (FeatureSpec spec : schema.features()) {
                if (!spec.required() && random.nextInt(4) == 0) {
                    continue;
                }
                if (spec.type().isNumeric()) {
                    double trainedLow = spec.trained() != null ? spec.trained().minimum() : 0;
                    double trainedHigh = spec.trained() != null ? spec.trained().maximum() : 10;
                    double widen = (trainedHigh - trainedLow) / 5;
                    double low = spec.minimum() != null ? spec.minimum() : trainedLow - widen;
                    double high = spec.maximum() != null ? spec.maximum() : trainedHigh + widen;
                    if (spec.minimum() != null) {
                        low = Math.max(low, spec.minimum());
                    }
                    double v = low + random.nextDouble() * (high - low);
                    v = spec.type() == org.magicsteps.core.domain.FeatureType.INTEGER ? Math.ceil(v) : v;
                    raw.put(spec.name(), spec.maximum() != null ? Math.min(v, spec.maximum()) : v);
                } else {
                    List<String> words = !spec.categories().isEmpty() ? spec.categories()
                            : spec.trained().categories();
                    raw.put(spec.name(), words.get(random.nextInt(words.size())));
                }
            }
            students.add(schema.parse(raw).orThrow());
        }
        return students;
    }
}
