package org.magicsteps.model.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.magicsteps.core.domain.Contribution;
import org.magicsteps.core.domain.Explanation;
import org.magicsteps.core.domain.FeatureSchema;
import org.magicsteps.core.domain.StudentFeatures;
import org.magicsteps.core.domain.Violation;
import org.magicsteps.core.port.Explainer;
import org.magicsteps.model.bundle.BundleManifest;

/**
 * Explanations of any model by Kernel SHAP (Lundberg and Lee, 2017): the value of a coalition of
 * features is the model's log-odds averaged over a background sample of students, each with the
 * coalition's features replaced by the student's; the contributions are the weighted
 * least-squares fit of those values under the Shapley kernel, constrained to add up exactly to
 * the student's log-odds minus the base value (the background's average log-odds). So the
 * additive property holds to the rounding of the sums whatever the budget; the budget bounds how
 * closely the contributions approach the exact Shapley values (they are exact when every coalition
 * fits in it).
 *
 * <p>A feature whose inputs equal the student's in every background row cannot change anything and
 * gets 0 without being a player; the features the model ignores are not players either. A derived
 * input is recomputed from the mixed raw values, so it follows its features. The coalitions are
 * drawn once per number of players from a fixed seed, so the same student always gets the same
 * explanation.
 */
public final class KernelShapExplainer implements Explainer {

    /** The most model rows one explanation evaluates (coalitions × background rows). */
    public static final int DEFAULT_ROW_BUDGET = 4096;
    /**
     * The most background rows used. With {@value #DEFAULT_ROW_BUDGET} rows that leaves 256
     * coalitions: on the original MLP (18 players) the contributions then lie within 0.03 log-odds
     * of the exact Shapley values over the same background (root mean square 0.01).
     */
    public static final int DEFAULT_MAX_BACKGROUND = 16;

    private final InputLayout layout;
    private final FeatureSchema schema;
    private final EncodedModel model;
    private final int rowBudget;
    private final float[][] background;
    private final double[][] backgroundRaw;
    private final double baseValue;
    private final double[] typical;
    private final ConcurrentHashMap<Integer, Coalitions> coalitions = new ConcurrentHashMap<>();

    /**
     * With the default budget: at most {@value #DEFAULT_MAX_BACKGROUND} background rows and
     * {@value #DEFAULT_ROW_BUDGET} model rows per explanation.
     *
     * @param background students as the model receives them; the first
     *     {@value #DEFAULT_MAX_BACKGROUND} are used
     * @throws IllegalArgumentException when the background is empty or a row does not pass the schema
     */
    public KernelShapExplainer(BundleManifest manifest, EncodedModel model, List<StudentFeatures> background) {
        this(manifest, manifest.schema(), model, background, List.of(), DEFAULT_MAX_BACKGROUND, DEFAULT_ROW_BUDGET);
    }

    /**
     * With the default budget, and the training means of the inputs, from which the reasons' typical
     * values are read (rather than from the background's means).
     */
    public KernelShapExplainer(BundleManifest manifest, EncodedModel model, List<StudentFeatures> background,
            List<Double> inputMeans) {
        this(manifest, manifest.schema(), model, background, inputMeans, DEFAULT_MAX_BACKGROUND, DEFAULT_ROW_BUDGET);
    }

    /**
     * With the default budget, for students that pass {@code schema} (the predictor's rules, which
     * may accept more than the manifest's own validation).
     */
    public KernelShapExplainer(BundleManifest manifest, FeatureSchema schema, EncodedModel model,
            List<StudentFeatures> background, List<Double> inputMeans) {
        this(manifest, schema, model, background, inputMeans, DEFAULT_MAX_BACKGROUND, DEFAULT_ROW_BUDGET);
    }

    /**
     * @param inputMeans the training mean of each input (for the reasons' typical values), or empty
     *     to take them from the background
     * @param maxBackground how many background rows to use at most
     * @param rowBudget how many model rows one explanation may evaluate; it must hold the
     *     coalitions of size 1 and their complements for every background row
     */
    public KernelShapExplainer(BundleManifest manifest, EncodedModel model, List<StudentFeatures> backgroundRows,
            List<Double> inputMeans, int maxBackground, int rowBudget) {
        this(manifest, manifest.schema(), model, backgroundRows, inputMeans, maxBackground, rowBudget);
    }

    /**
     * @param schema the rules the students explained pass
     * @param inputMeans the training mean of each input (for the reasons' typical values), or empty
     *     to take them from the background
     * @param maxBackground how many background rows to use at most
     * @param rowBudget how many model rows one explanation may evaluate
     */
    public KernelShapExplainer(BundleManifest manifest, FeatureSchema schema, EncodedModel model,
            List<StudentFeatures> backgroundRows, List<Double> inputMeans, int maxBackground, int rowBudget) {
        this.layout = new InputLayout(Objects.requireNonNull(manifest, "manifest"));
        this.schema = Objects.requireNonNull(schema, "schema");
        this.model = Objects.requireNonNull(model, "model");
        List<StudentFeatures> used = backgroundRows.subList(0, Math.min(backgroundRows.size(), maxBackground));
        if (used.isEmpty()) {
            throw new IllegalArgumentException("Kernel SHAP needs at least one background student");
        }
        int players = layout.players().size();
        if (rowBudget < 2 * players * used.size()) {
            throw new IllegalArgumentException("a budget of " + rowBudget + " rows is below the " + 2 * players
                    * used.size() + " the coalitions of size 1 and their complements take over " + used.size()
                    + " background rows");
        }
        this.rowBudget = rowBudget;
        this.background = new float[used.size()][];
        this.backgroundRaw = new double[used.size()][];
        for (int b = 0; b < used.size(); b++) {
            StudentFeatures row = requireValid(used.get(b), "background row " + b);
            background[b] = layout.encode(row);
            backgroundRaw[b] = layout.rawNumbers(row);
        }
        this.baseValue = mean(model.logOdds(flatten(background), background.length), 0, background.length);
        this.typical = new double[players];
        for (InputLayout.Player p : layout.players()) {
            double sum = 0;
            for (double[] raw : backgroundRaw) {
                sum += raw[p.index()];
            }
            double fromMeans = inputMeans.size() == layout.width()
                    ? LinearExplainer.rawOf(p.feature().transform(), inputMeans.get(p.offset())) : Double.NaN;
            typical[p.index()] = Double.isNaN(fromMeans) ? sum / backgroundRaw.length : fromMeans;
        }
    }

    /** The base value: the model's log-odds averaged over the background. */
    public double baseValue() {
        return baseValue;
    }

    /**
     * Explains the students in their order, on every core: each explanation is a few thousand model
     * rows (milliseconds for a tree ensemble), independent of the others and deterministic (the
     * coalitions are fixed per number of players, the ONNX session is shared by all threads), so a
     * sheet of students takes the wall time of its share of the cores. Every student is checked
     * before any is explained, so a refusal names the first bad one as it would one by one.
     */
    @Override
    public List<Explanation> explain(List<StudentFeatures> students) {
        List<StudentFeatures> valid = new ArrayList<>(students.size());
        for (int i = 0; i < students.size(); i++) {
            valid.add(requireValid(students.get(i), "student " + i));
        }
        return valid.parallelStream().map(this::explain).toList();
    }

    private Explanation explain(StudentFeatures student) {
        float[] x = layout.encode(student);
        double[] rawX = layout.rawNumbers(student);
        List<InputLayout.Player> players = layout.players();
        int[] varying = varying(x);
        double[] phi = new double[players.size()];
        if (varying.length == 1) {
            phi[varying[0]] = model.logOdds(x, 1)[0] - baseValue;
        } else if (varying.length > 1) {
            solve(x, rawX, varying, phi);
        }
        List<Contribution> contributions = new ArrayList<>(players.size());
        for (InputLayout.Player p : players) {
            Object value = student.values().get(p.name());
            Double t = p.feature().type().isNumeric() ? typical[p.index()] : null;
            contributions.add(new Contribution(p.name(), value, phi[p.index()],
                    Reasons.besideTypical(p.feature(), value, t, phi[p.index()])));
        }
        return new Explanation(Explanation.KERNEL_SHAP, baseValue, contributions);
    }

    /** The players whose inputs differ from the student's in some background row. */
    private int[] varying(float[] x) {
        List<Integer> found = new ArrayList<>();
        for (InputLayout.Player p : layout.players()) {
            boolean differs = false;
            for (int b = 0; b < background.length && !differs; b++) {
                for (int k = p.offset(); k < p.offset() + p.width() && !differs; k++) {
                    differs = Float.floatToIntBits(background[b][k]) != Float.floatToIntBits(x[k]);
                }
            }
            if (differs) {
                found.add(p.index());
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private void solve(float[] x, double[] rawX, int[] varying, double[] phi) {
        int m = varying.length;
        int n = background.length;
        int budget = Math.max(2 * m, rowBudget / n);
        Coalitions c = coalitions.computeIfAbsent(m, players -> Coalitions.of(players, budget));
        int count = c.masks().length;
        int width = layout.width();
        float[] rows = new float[(count * n + 1) * width];
        boolean[] fromStudent = new boolean[layout.players().size()];
        for (int z = 0; z < count; z++) {
            long mask = c.masks()[z];
            java.util.Arrays.fill(fromStudent, true);
            for (int i = 0; i < m; i++) {
                fromStudent[varying[i]] = (mask & (1L << i)) != 0;
            }
            for (int b = 0; b < n; b++) {
                mix(x, rawX, b, fromStudent, rows, (z * n + b) * width);
            }
        }
        System.arraycopy(x, 0, rows, count * n * width, width);
        double[] out = model.logOdds(rows, count * n + 1);
        double fx = out[count * n];
        double[] values = new double[count];
        for (int z = 0; z < count; z++) {
            values[z] = mean(out, z * n, n);
        }
        double[] solved = WeightedLeastSquares.shapley(c.masks(), c.weights(), values, baseValue, fx, m);
        settleRoundingNoise(solved, fx - baseValue);
        for (int i = 0; i < m; i++) {
            phi[varying[i]] = solved[i];
        }
    }

    /**
     * A feature the model does not use (a tree ensemble that never splits on it) gets a contribution
     * of a few 1e-12 from the regression's rounding, not 0. Such crumbs are set to 0 and their sum
     * given to the largest contribution, so that the sum, and with it the additive property, is kept.
     */
    private static void settleRoundingNoise(double[] phi, double total) {
        double crumb = 1e-9 * Math.max(1, Math.abs(total));
        int largest = 0;
        double swept = 0;
        for (int i = 0; i < phi.length; i++) {
            if (Math.abs(phi[i]) > Math.abs(phi[largest])) {
                largest = i;
            }
        }
        for (int i = 0; i < phi.length; i++) {
            if (i != largest && Math.abs(phi[i]) < crumb) {
                swept += phi[i];
                phi[i] = 0;
            }
        }
        phi[largest] += swept;
    }

    /** Background row {@code b} with the student's inputs for the players marked, written at {@code at}. */
    private void mix(float[] x, double[] rawX, int b, boolean[] fromStudent, float[] rows, int at) {
        float[] base = background[b];
        System.arraycopy(base, 0, rows, at, layout.width());
        for (InputLayout.Player p : layout.players()) {
            if (fromStudent[p.index()]) {
                System.arraycopy(x, p.offset(), rows, at + p.offset(), p.width());
            }
        }
        for (InputLayout.Derived d : layout.derived()) {
            int taken = 0;
            for (int p : d.players()) {
                taken += fromStudent[p] ? 1 : 0;
            }
            if (taken == d.players().length) {
                rows[at + d.column()] = x[d.column()];
            } else if (taken > 0) {
                rows[at + d.column()] = layout.derivedValue(d, rawX, backgroundRaw[b], fromStudent);
            }
        }
    }

    private StudentFeatures requireValid(StudentFeatures student, String what) {
        List<Violation> violations = schema.check(Objects.requireNonNull(student, what));
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(what + ": " + violations.get(0).message());
        }
        return student;
    }

    private static float[] flatten(float[][] rows) {
        int width = rows[0].length;
        float[] flat = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * width, width);
        }
        return flat;
    }

    private static double mean(double[] values, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += values[i];
        }
        return sum / count;
    }
}
