package org.magicsteps.model.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.model.bundle.BundleManifest;
import org.magicsteps.model.bundle.Transform;

/**
 * Exact explanations of a model whose log-odds is linear in its inputs,
 * {@code logodds = bias + Σ w_k · x_k}: input {@code k} contributes {@code w_k · (x_k − μ_k)},
 * {@code μ_k} its training mean, and a feature's contribution is the sum over the inputs it writes
 * (one, or one per category). The base value is the log-odds at the training means,
 * {@code bias + Σ w_k · μ_k}. These are the Shapley values of the linear model with independent
 * features (Lundberg and Lee, 2017, section 4.1), in closed form.
 *
 * <p>A derived input computed from several features (a ratio, a product) is not linear in them: its
 * contribution is split among them by their exact Shapley values, the features the derived input
 * does not take from the student set at their typical (training-mean) values; what it contributes
 * with every feature at its typical value goes to the base value. The sum stays exact.
 */
public final class LinearExplainer implements Explainer {

    private final InputLayout layout;
    private final FeatureSchema schema;
    private final double[] weights;
    private final double[] means;
    private final double baseBeforeDerived;
    /** The typical raw value of each player (its training mean), NaN for a categorical one. */
    private final double[] typical;

    /**
     * @param manifest the bundle whose inputs {@code weights} weigh
     * @param weights the weight of each model input in the log-odds
     * @param bias the log-odds when every input is zero
     * @param inputMeans the training mean of each model input
     * @throws IllegalArgumentException when the lengths differ from the model's input width
     */
    public LinearExplainer(BundleManifest manifest, double[] weights, double bias, double[] inputMeans) {
        this(manifest, manifest.schema(), weights, bias, inputMeans);
    }

    /**
     * @param schema the rules the students explained pass (the predictor's, which may accept more
     *     than the manifest's own validation)
     */
    public LinearExplainer(BundleManifest manifest, FeatureSchema schema, double[] weights, double bias,
            double[] inputMeans) {
        this.layout = new InputLayout(Objects.requireNonNull(manifest, "manifest"));
        this.schema = Objects.requireNonNull(schema, "schema");
        if (weights.length != layout.width() || inputMeans.length != layout.width()) {
            throw new IllegalArgumentException("a linear explainer needs " + layout.width() + " weights and means, got "
                    + weights.length + " and " + inputMeans.length);
        }
        this.weights = weights.clone();
        this.means = inputMeans.clone();
        double base = bias;
        for (int k = 0; k < weights.length; k++) {
            base += weights[k] * means[k];
        }
        this.baseBeforeDerived = base;
        this.typical = new double[layout.players().size()];
        for (InputLayout.Player p : layout.players()) {
            typical[p.index()] = rawOf(p.feature().transform(), means[p.offset()]);
        }
    }

    @Override
    public List<Explanation> explain(List<StudentFeatures> students) {
        List<Explanation> explanations = new ArrayList<>(students.size());
        for (int i = 0; i < students.size(); i++) {
            explanations.add(explain(requireValid(students.get(i), i)));
        }
        return explanations;
    }

    private Explanation explain(StudentFeatures student) {
        float[] x = layout.encode(student);
        double[] phi = new double[layout.players().size()];
        for (InputLayout.Player p : layout.players()) {
            for (int k = p.offset(); k < p.offset() + p.width(); k++) {
                phi[p.index()] += weights[k] * (x[k] - means[k]);
            }
        }
        double base = baseBeforeDerived;
        if (!layout.derived().isEmpty()) {
            double[] raw = layout.rawNumbers(student);
            for (InputLayout.Derived d : layout.derived()) {
                base += splitDerived(d, raw, phi);
            }
        }
        List<Contribution> contributions = new ArrayList<>(phi.length);
        for (InputLayout.Player p : layout.players()) {
            Object value = student.values().get(p.name());
            double t = typical[p.index()];
            contributions.add(new Contribution(p.name(), value, phi[p.index()],
                    Reasons.of(p.feature(), value, Double.isNaN(t) ? null : t, phi[p.index()])));
        }
        return new Explanation(Explanation.LINEAR, base, contributions);
    }

    /**
     * Adds to {@code phi} the exact Shapley values of derived input {@code d}'s term among its
     * features, and returns the term's value with every feature typical (for the base value).
     */
    private double splitDerived(InputLayout.Derived d, double[] raw, double[] phi) {
        int[] players = d.players();
        int m = players.length;
        double w = weights[d.column()];
        double mean = means[d.column()];
        double[] term = new double[1 << m];
        boolean[] fromStudent = new boolean[layout.players().size()];
        for (int mask = 0; mask < term.length; mask++) {
            for (int i = 0; i < m; i++) {
                fromStudent[players[i]] = (mask & (1 << i)) != 0;
            }
            term[mask] = w * (layout.derivedValue(d, raw, typical, fromStudent) - mean);
        }
        double[] factorial = new double[m + 1];
        factorial[0] = 1;
        for (int i = 1; i <= m; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        for (int i = 0; i < m; i++) {
            double share = 0;
            for (int mask = 0; mask < term.length; mask++) {
                if ((mask & (1 << i)) != 0) {
                    continue;
                }
                int size = Integer.bitCount(mask);
                double weight = factorial[size] * factorial[m - size - 1] / factorial[m];
                share += weight * (term[mask | (1 << i)] - term[mask]);
            }
            phi[players[i]] += share;
        }
        return term[0];
    }

    private StudentFeatures requireValid(StudentFeatures student, int index) {
        List<Violation> violations = schema.check(Objects.requireNonNull(student, "student"));
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("student " + index + ": " + violations.get(0).message());
        }
        return student;
    }

    /** The raw value whose encoding is {@code encoded}, for a numeric transform of width 1; NaN otherwise. */
    static double rawOf(Transform transform, double encoded) {
        if (transform instanceof Transform.Standard s) {
            return s.mean() + encoded * (s.std() == 0 ? 1 : s.std());
        }
        if (transform instanceof Transform.MinMax mm) {
            double range = mm.max() - mm.min();
            return mm.min() + encoded * (range == 0 ? 1 : range);
        }
        if (transform instanceof Transform.Identity) {
            return encoded;
        }
        return Double.NaN;
    }
}
