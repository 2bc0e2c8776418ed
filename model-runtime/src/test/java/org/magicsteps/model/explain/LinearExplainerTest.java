package org.magicsteps.model.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.model.bundle.BundleManifest;

/** Exact linear contributions, by hand. */
class LinearExplainerTest {

    @Test
    void eachFeatureContributesItsWeightTimesItsDistanceFromTheMeanSummedOverItsColumns() {
        BundleManifest manifest = KernelShapTest.manifest(false);
        // Inputs: a, b, c, d, e=x, e=y.
        double[] weights = {2, -1, 0, 0.5, 1, -3};
        double[] means = {1, 0, 0, 2, 0.6, 0.4};
        LinearExplainer explainer = new LinearExplainer(manifest, weights, 0.7, means);
        StudentFeatures x = KernelShapTest.student(3, 1, 5, 2, "y");

        Explanation e = explainer.explain(List.of(x)).get(0);

        assertEquals(0.7 + 2 * 1 + 0.5 * 2 + 0.6 - 3 * 0.4, e.baseValue(), 1e-12);
        assertEquals(2 * (3 - 1), KernelShapTest.contribution(e, "a"), 1e-12);
        assertEquals(-1 * (1 - 0), KernelShapTest.contribution(e, "b"), 1e-12);
        assertEquals(0, KernelShapTest.contribution(e, "c"), 0);
        assertEquals(1 * (0 - 0.6) - 3 * (1 - 0.4), KernelShapTest.contribution(e, "e"), 1e-12);
        assertEquals(0.7 + 2 * 3 - 1 + 0.5 * 2 - 3, e.logOdds(), 1e-12);
        assertEquals(List.of("a", "e", "b", "c", "d"), e.contributions().stream().map(Contribution::feature).toList(),
                "strongest first, ties by name");
        assertEquals("a 3 acima do típico (1): aumenta a chance", e.contributions().get(0).reason());
    }

    @Test
    void aDerivedProductIsSplitBetweenItsFeaturesByTheirShapleyValues() {
        BundleManifest manifest = KernelShapTest.manifest(true);
        // Only the derived input a·b has a weight: 1 · (a·b − 2), typical a = 1, b = 2.
        double[] weights = {0, 0, 0, 0, 0, 0, 1};
        double[] means = {1, 2, 0, 0, 0.5, 0.5, 2};
        LinearExplainer explainer = new LinearExplainer(manifest, weights, 0, means);
        StudentFeatures x = KernelShapTest.student(3, 5, 0, 0, "x");

        Explanation e = explainer.explain(List.of(x)).get(0);

        // g(∅) = 1·2 − 2 = 0; g(a) = 3·2 − 2 = 4; g(b) = 1·5 − 2 = 3; g(ab) = 15 − 2 = 13.
        assertEquals(0.5 * (4 - 0) + 0.5 * (13 - 3), KernelShapTest.contribution(e, "a"), 1e-6);
        assertEquals(0.5 * (3 - 0) + 0.5 * (13 - 4), KernelShapTest.contribution(e, "b"), 1e-6);
        // The log-odds at the means, w · μ = 2, plus g(∅) = 0.
        assertEquals(2, e.baseValue(), 1e-6);
        assertEquals(15, e.logOdds(), 1e-6);
    }
}
