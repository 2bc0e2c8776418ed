package org.magicsteps.model.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSpec;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.DecisionThreshold;
import org.magicsteps.model.bundle.DerivedFeature;
import org.magicsteps.model.bundle.FeatureDefinition;
import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;
import org.magicsteps.model.bundle.TrainingProvenance;
import org.magicsteps.model.bundle.Transform;

/** Kernel SHAP against what it estimates: exact Shapley values, and exact linear contributions. */
class KernelShapTest {

    /** Four numeric features a, b, c, d (identity inputs), a one-hot word e, and derived a·b. */
    static BundleManifest manifest(boolean withDerived) {
        List<FeatureDefinition> features = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            features.add(new FeatureDefinition(FeatureSpec.decimal(name, name, -10, 10), new Transform.Identity(), null,
                    null));
        }
        features.add(new FeatureDefinition(FeatureSpec.categorical("e", "word", List.of("x", "y")),
                new Transform.OneHot(List.of("x", "y")), null, null));
        List<DerivedFeature> derived = withDerived
                ? List.of(new DerivedFeature("a_times_b", "a·b", new DerivedFeature.Expression.Product(List.of("a", "b")),
                        new Transform.Identity()))
                : List.of();
        int width = 6 + derived.size();
        return new BundleManifest(1, "test", "t-1", Instant.parse("2024-01-01T00:00:00Z"), "Test", 0,
                new OnnxSpec("model.onnx", "input", List.of(-1L, (long) width), "logit", List.of(-1L), OutputKind.LOGIT, 0),
                new DecisionThreshold(0.5, "test"), features, TrainingProvenance.of("test"), Map.of(), derived);
    }

    static StudentFeatures student(double a, double b, double c, double d, String e) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("a", a);
        raw.put("b", b);
        raw.put("c", c);
        raw.put("d", d);
        raw.put("e", e);
        return new StudentFeatures(raw);
    }

    static List<StudentFeatures> background() {
        return List.of(student(0, 1, 2, -1, "x"), student(1, -2, 0.5, 3, "y"), student(-3, 0, 1, 1, "x"),
                student(2, 2, -1, 0, "y"), student(0.5, -1, 4, 2, "x"));
    }

    /** A model of encoded rows computed in Java: non-linear (products, a square, a threshold). */
    static double nonLinear(float[] x, int at, int width) {
        double a = x[at];
        double b = x[at + 1];
        double c = x[at + 2];
        double d = x[at + 3];
        double y = x[at + 5];
        double ab = width > 6 ? x[at + 6] : a * b;
        return 0.3 * a - 0.7 * b + 0.2 * ab + 0.1 * c * c + (d > 1 ? 1.5 : -0.5) * (1 + y) + 0.4 * a * y;
    }

    static EncodedModel model(BundleManifest manifest) {
        int width = manifest.inputWidth();
        return (inputs, rows) -> {
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = nonLinear(inputs, r * width, width);
            }
            return out;
        };
    }

    @Test
    void withEveryCoalitionInTheBudgetTheContributionsAreTheExactShapleyValues() {
        BundleManifest manifest = manifest(true);
        EncodedModel model = model(manifest);
        KernelShapExplainer explainer = new KernelShapExplainer(manifest, model, background());
        StudentFeatures x = student(1.5, -0.5, 3, 2.5, "y");
        Explanation explanation = explainer.explain(List.of(x)).get(0);

        double[] exact = bruteForceShapley(manifest, model, x, background());
        List<String> names = List.of("a", "b", "c", "d", "e");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(exact[i], contribution(explanation, names.get(i)), 1e-9, names.get(i));
        }
        assertEquals(Explanation.KERNEL_SHAP, explanation.method());
        assertEquals(explainer.baseValue(), explanation.baseValue(), 0);
        float[] row = new InputLayout(manifest).encode(x);
        assertEquals(model.logOdds(row, 1)[0], explanation.logOdds(), 1e-12);
    }

    @Test
    void onALinearModelKernelShapGivesTheExactLinearContributionsEvenWhenItSamples() {
        // 18 identity features: far more coalitions than the budget, so they are sampled.
        List<FeatureDefinition> features = new ArrayList<>();
        double[] weights = new double[18];
        for (int i = 0; i < 18; i++) {
            features.add(new FeatureDefinition(FeatureSpec.decimal("f" + (char) ('a' + i), "f", -100, 100),
                    new Transform.Identity(), null, null));
            weights[i] = (i % 3 - 1) * 0.37 + 0.05 * i;
        }
        BundleManifest manifest = new BundleManifest(1, "wide", "w-1", Instant.parse("2024-01-01T00:00:00Z"), "Test", 0,
                new OnnxSpec("model.onnx", "input", List.of(-1L, 18L), "logit", List.of(-1L), OutputKind.LOGIT, 0),
                new DecisionThreshold(0.5, "test"), features, TrainingProvenance.of("test"), Map.of());
        EncodedModel linear = (inputs, rows) -> {
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                double z = 0.25;
                for (int k = 0; k < 18; k++) {
                    z += weights[k] * inputs[r * 18 + k];
                }
                out[r] = z;
            }
            return out;
        };
        List<StudentFeatures> background = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int b = 0; b < 20; b++) {
            background.add(wideStudent(random));
        }
        StudentFeatures x = wideStudent(random);
        Explanation kernel = new KernelShapExplainer(manifest, linear, background).explain(List.of(x)).get(0);
        List<StudentFeatures> used = background.subList(0, KernelShapExplainer.DEFAULT_MAX_BACKGROUND);
        // The means of the float inputs the model sees over the background it uses.
        double[] means = new double[18];
        float[] row = new float[18];
        for (StudentFeatures s : used) {
            manifest.encoder().encode(s.values(), row, 0);
            for (int k = 0; k < 18; k++) {
                means[k] += row[k] / (double) used.size();
            }
        }
        Explanation exact = new LinearExplainer(manifest, weights, 0.25, means).explain(List.of(x)).get(0);
        for (Contribution c : exact.contributions()) {
            assertEquals(c.contribution(), contribution(kernel, c.feature()), 1e-9, c.feature());
        }
        assertEquals(exact.baseValue(), kernel.baseValue(), 1e-9);
    }

    @Test
    void theSameStudentGetsTheSameExplanationAndFeaturesEqualToEveryBackgroundRowGetZero() {
        BundleManifest manifest = manifest(true);
        List<StudentFeatures> background = List.of(student(0, 1, 2, -1, "x"), student(1, -2, 2, 3, "y"),
                student(-3, 0, 2, 1, "x"));
        KernelShapExplainer explainer = new KernelShapExplainer(manifest, model(manifest), background);
        StudentFeatures x = student(1.5, -0.5, 2, 2.5, "y");
        Explanation first = explainer.explain(List.of(x)).get(0);
        assertEquals(first, explainer.explain(List.of(x)).get(0));
        assertEquals(first, new KernelShapExplainer(manifest, model(manifest), background).explain(List.of(x)).get(0));
        assertEquals(0.0, contribution(first, "c"), 0.0, "c is 2 in every background row and for the student");
    }

    @Test
    void aSheetOfStudentsGetsEachStudentsOwnExplanationInItsOrder() {
        BundleManifest manifest = manifest(true);
        KernelShapExplainer explainer = new KernelShapExplainer(manifest, model(manifest), background());
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        List<StudentFeatures> sheet = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            sheet.add(student(random.nextDouble(-3, 3), random.nextDouble(-3, 3), random.nextInt(4),
                    random.nextDouble(-3, 3), random.nextBoolean() ? "x" : "y"));
        }
        List<Explanation> together = explainer.explain(sheet);
        assertEquals(sheet.size(), together.size());
        for (int i = 0; i < sheet.size(); i++) {
            assertEquals(explainer.explain(List.of(sheet.get(i))).get(0), together.get(i), "student " + i);
        }
        List<StudentFeatures> oneBad = new ArrayList<>(sheet);
        oneBad.set(150, student(50, 0, 0, 0, "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> explainer.explain(oneBad));
        assertTrue(e.getMessage().contains("student 150") && e.getMessage().contains("a: 50"), e.getMessage());
    }

    @Test
    void aFeatureTheModelNeverReadsGetsExactlyZeroAndTheSumStaysExact() {
        BundleManifest manifest = manifest(false);
        EncodedModel onlyA = (inputs, rows) -> {
            double[] out = new double[rows];
            for (int r = 0; r < rows; r++) {
                out[r] = Math.tanh(inputs[r * 6]) * 3 + (inputs[r * 6] > 1 ? 1 : 0);
            }
            return out;
        };
        KernelShapExplainer explainer = new KernelShapExplainer(manifest, onlyA, background());
        StudentFeatures x = student(2.5, -0.5, 3, 2.5, "y");
        Explanation e = explainer.explain(List.of(x)).get(0);
        for (String ignored : List.of("b", "c", "d", "e")) {
            assertEquals(0.0, contribution(e, ignored), 0.0, ignored);
        }
        assertEquals(onlyA.logOdds(new InputLayout(manifest).encode(x), 1)[0], e.logOdds(), 1e-12);
    }

    @Test
    void aStudentOutsideTheSchemaIsRefusedNamingTheFeature() {
        BundleManifest manifest = manifest(false);
        KernelShapExplainer explainer = new KernelShapExplainer(manifest, model(manifest), background());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> explainer.explain(List.of(student(50, 0, 0, 0, "x"))));
        assertTrue(e.getMessage().contains("a: 50"), e.getMessage());
    }

    private static StudentFeatures wideStudent(java.util.SplittableRandom random) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (int k = 0; k < 18; k++) {
            raw.put("f" + (char) ('a' + k), Math.rint(random.nextDouble(-50, 50) * 8) / 8);
        }
        return new StudentFeatures(raw);
    }

    static double contribution(Explanation e, String feature) {
        return e.contributions().stream().filter(c -> c.feature().equals(feature)).findFirst().orElseThrow()
                .contribution();
    }

    /** Shapley values by their definition: every ordering's marginal contributions, weighted. */
    static double[] bruteForceShapley(BundleManifest manifest, EncodedModel model, StudentFeatures x,
            List<StudentFeatures> background) {
        InputLayout layout = new InputLayout(manifest);
        int m = layout.players().size();
        double[] value = new double[1 << m];
        for (int mask = 0; mask < value.length; mask++) {
            double sum = 0;
            for (StudentFeatures b : background) {
                Map<String, Object> mixed = new LinkedHashMap<>(b.values());
                for (InputLayout.Player p : layout.players()) {
                    if ((mask & (1 << p.index())) != 0) {
                        mixed.put(p.name(), x.values().get(p.name()));
                    }
                }
                sum += model.logOdds(layout.encode(new StudentFeatures(mixed)), 1)[0];
            }
            value[mask] = sum / background.size();
        }
        double[] phi = new double[m];
        for (int i = 0; i < m; i++) {
            for (int mask = 0; mask < value.length; mask++) {
                if ((mask & (1 << i)) != 0) {
                    continue;
                }
                int s = Integer.bitCount(mask);
                phi[i] += factorial(s) * factorial(m - s - 1) / factorial(m) * (value[mask | (1 << i)] - value[mask]);
            }
        }
        return phi;
    }

    private static double factorial(int n) {
        double f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
        }
        return f;
    }
}
