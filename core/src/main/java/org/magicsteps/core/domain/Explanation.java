package org.magicsteps.core.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Why the model gave one student its probability, in log-odds and additive:
 * {@code baseValue + Σ contribution} is the log-odds of the probability the model answered for
 * that student ({@code ln(p / (1 − p))}), within the precision its {@link #method()} promises.
 *
 * <p>Contributions are sorted by absolute size, largest first (ties by feature name), so the
 * first ones are the strongest reasons.
 *
 * @param method how the contributions were computed: {@value #LINEAR} (exact, for a model
 *     linear in its inputs) or {@value #KERNEL_SHAP} (Shapley values estimated over a background
 *     sample, for any other model)
 * @param baseValue the log-odds the model gives on average over its reference data, where every
 *     contribution is zero
 * @param contributions one per feature the model reads, strongest first
 */
public record Explanation(String method, double baseValue, List<Contribution> contributions) {

    /** Exact contributions of a model linear in its inputs: weight × (input − its training mean). */
    public static final String LINEAR = "linear";
    /** Kernel SHAP (Lundberg &amp; Lee, 2017) over the background sample the model carries. */
    public static final String KERNEL_SHAP = "kernel_shap";

    private static final Comparator<Contribution> STRONGEST_FIRST = Comparator
            .comparingDouble((Contribution c) -> -Math.abs(c.contribution()))
            .thenComparing(Contribution::feature);

    public Explanation {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("method must not be blank");
        }
        if (!Double.isFinite(baseValue)) {
            throw new IllegalArgumentException("base value " + baseValue + " is not finite");
        }
        List<Contribution> sorted = new ArrayList<>(Objects.requireNonNull(contributions, "contributions"));
        sorted.sort(STRONGEST_FIRST);
        contributions = List.copyOf(sorted);
    }

    /** {@code baseValue + Σ contribution}: the log-odds this explanation accounts for. */
    public double logOdds() {
        double sum = baseValue;
        for (Contribution c : contributions) {
            sum += c.contribution();
        }
        return sum;
    }

    /** The {@code n} strongest contributions (fewer when the model reads fewer features). */
    public List<Contribution> strongest(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must not be negative, got " + n);
        }
        return contributions.subList(0, Math.min(n, contributions.size()));
    }
}
