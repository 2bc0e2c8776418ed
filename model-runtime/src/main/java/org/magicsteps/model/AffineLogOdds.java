package org.magicsteps.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.magicsteps.model.bundle.OnnxSpec;
import org.magicsteps.model.bundle.OutputKind;

/**
 * Recognises a graph whose answer's log-odds is an affine function of its input,
 * {@code logodds(x) = bias + Σ weight_k · x_k}, by following the graph from its input to its output:
 * a logistic regression as Tribuo exports it ({@code Gemm}, {@code Softmax} over two classes), or a
 * logit made of {@code MatMul}/{@code Gemm}, {@code Add}, {@code Sub}, {@code Mul}, {@code Div} by
 * constants, optionally clipped ({@code Clip}, as a calibrated model bounds its log-odds) and
 * through a {@code Sigmoid}. Read from the graph itself rather than from
 * weights written beside it, so that it stays true whenever a model is retrained or replaced.
 *
 * <p>Anything else on the way (a ReLU, a tree ensemble, a second input) makes the graph
 * non-linear: {@link #of} answers empty and the model is explained by Kernel SHAP instead.
 */
final class AffineLogOdds {

    /**
     * A value of the graph, affine in the input, {@code value[·, c] = Σ_k x_k · a[k][c] + b[c]}, then
     * clipped to {@code [lo, hi]} (infinite bounds: not clipped; only a one-column value is clipped).
     */
    private record Affine(double[][] a, double[] b, double lo, double hi) {
        Affine(double[][] a, double[] b) {
            this(a, b, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }

        int columns() {
            return b.length;
        }

        boolean clipped() {
            return lo != Double.NEGATIVE_INFINITY || hi != Double.POSITIVE_INFINITY;
        }
    }

    /** The probabilities of classes whose scores are affine (a softmax of them). */
    private record SoftmaxOf(Affine scores) {
    }

    /** The sigmoid of an affine score of one column. */
    private record SigmoidOf(Affine score) {
    }

    private final double[] weights;
    private final double bias;
    private final double lower;
    private final double upper;

    private AffineLogOdds(double[] weights, double bias, double lower, double upper) {
        this.weights = weights;
        this.bias = bias;
        this.lower = lower;
        this.upper = upper;
    }

    /** The weight of each input column. */
    double[] weights() {
        return weights.clone();
    }

    double bias() {
        return bias;
    }

    /** The log-odds of one row of input, in double precision: the affine value, clipped where the graph clips it. */
    double logOdds(float[] input, int offset) {
        return Math.max(lower, Math.min(upper, unclipped(input, offset)));
    }

    /**
     * Whether the graph clips this row's log-odds: at and beyond its limits the answer no longer
     * moves with the input, so the row is not explained as linear.
     */
    boolean clips(float[] input, int offset) {
        double value = unclipped(input, offset);
        return !(value > lower && value < upper);
    }

    private double unclipped(float[] input, int offset) {
        double sum = bias;
        for (int k = 0; k < weights.length; k++) {
            sum += weights[k] * input[offset + k];
        }
        return sum;
    }

    /**
     * The log-odds after a calibration applied outside the graph: {@code scale · s + shift}, then
     * clipped to {@code ±limit} when a limit is given.
     */
    AffineLogOdds calibrated(double scale, double shift, Double limit) {
        double[] w = new double[weights.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = scale * weights[k];
        }
        double lo = lower == Double.NEGATIVE_INFINITY ? lower : scale * lower + shift;
        double hi = upper == Double.POSITIVE_INFINITY ? upper : scale * upper + shift;
        if (limit != null) {
            lo = Math.max(lo, -limit);
            hi = Math.min(hi, limit);
        }
        return new AffineLogOdds(w, scale * bias + shift, lo, hi);
    }

    /**
     * The affine log-odds of the graph's answer as the manifest reads it, or empty when the graph
     * is not of that form.
     *
     * @param width the input's width
     */
    static Optional<AffineLogOdds> of(byte[] onnx, OnnxSpec spec, int width) {
        OnnxGraph graph;
        try {
            graph = OnnxGraph.parse(onnx);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!graph.inputs().equals(List.of(spec.inputName()))) {
            return Optional.empty();
        }
        Map<String, Object> values = new HashMap<>();
        graph.initializers().forEach((name, tensor) -> values.put(name, tensor));
        values.put(spec.inputName(), identity(width));
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!node.domain().isEmpty() && !node.domain().equals("ai.onnx")) {
                return Optional.empty();
            }
            Object result = apply(node, values);
            if (result == null) {
                // Not a step this reading knows; harmless unless the output depends on it.
                node.outputs().forEach(o -> values.put(o, Unknown.VALUE));
                continue;
            }
            values.put(node.outputs().get(0), result);
        }
        Object output = values.get(spec.outputName());
        return logOdds(output, spec).map(AffineLogOdds::ofColumn);
    }

    private static AffineLogOdds ofColumn(Affine single) {
        double[] w = new double[single.a().length];
        for (int k = 0; k < w.length; k++) {
            w[k] = single.a()[k][0];
        }
        return new AffineLogOdds(w, single.b()[0], single.lo(), single.hi());
    }

    /** The one-column affine log-odds the manifest's output kind makes of the output value. */
    private static Optional<Affine> logOdds(Object output, OnnxSpec spec) {
        if (spec.outputKind() == OutputKind.LOGIT && output instanceof Affine a && a.columns() == 1) {
            return Optional.of(a);
        }
        if (spec.outputKind() == OutputKind.PROBABILITY) {
            if (output instanceof SigmoidOf s && s.score().columns() == 1 && spec.positiveIndex() == 0) {
                return Optional.of(s.score());
            }
            if (output instanceof SoftmaxOf s && s.scores().columns() == 2 && !s.scores().clipped()) {
                // ln(p_pos / p_other) of a softmax is the difference of the two scores.
                int positive = spec.positiveIndex();
                return Optional.of(difference(s.scores(), positive, 1 - positive));
            }
        }
        return Optional.empty();
    }

    private static Affine difference(Affine scores, int plus, int minus) {
        double[][] a = new double[scores.a().length][1];
        for (int k = 0; k < a.length; k++) {
            a[k][0] = scores.a()[k][plus] - scores.a()[k][minus];
        }
        return new Affine(a, new double[] {scores.b()[plus] - scores.b()[minus]});
    }

    /** A value this reading does not follow. */
    private enum Unknown { VALUE }

    private static Object apply(OnnxGraph.Node node, Map<String, Object> values) {
        List<String> in = node.inputs();
        boolean passesClips = List.of("Identity", "Dropout", "Flatten", "Squeeze", "Unsqueeze", "Reshape", "Sigmoid")
                .contains(node.opType());
        for (String input : in) {
            if (!passesClips && values.get(input) instanceof Affine a && a.clipped()) {
                // Arithmetic after a clip is no longer affine in the input.
                return null;
            }
        }
        switch (node.opType()) {
            case "Constant" -> {
                OnnxGraph.Attribute value = node.attributes().get("value");
                return value == null || value.tensor() == null || value.tensor().values() == null ? null
                        : value.tensor();
            }
            case "Identity", "Dropout" -> {
                Object x = values.get(in.get(0));
                return x instanceof Affine || x instanceof SoftmaxOf || x instanceof SigmoidOf ? x : null;
            }
            case "Flatten", "Squeeze", "Unsqueeze", "Reshape" -> {
                // Shape-only on a [batch, 1] score or on [batch, n] kept two-dimensional.
                Object x = values.get(in.get(0));
                if (x instanceof Affine a && (a.columns() == 1 || node.opType().equals("Flatten"))) {
                    return a;
                }
                return null;
            }
            case "Clip" -> {
                return clip(node, values);
            }
            case "Gemm" -> {
                return gemm(node, values);
            }
            case "MatMul" -> {
                Object x = values.get(in.get(0));
                Object w = values.get(in.get(1));
                if (x instanceof Affine a && w instanceof OnnxGraph.Tensor t && t.dims().length == 2
                        && t.values() != null && t.dims()[0] == a.columns()) {
                    return multiply(a, matrix(t, false), 1.0);
                }
                return null;
            }
            case "Add", "Sub" -> {
                Object x = values.get(in.get(0));
                Object y = values.get(in.get(1));
                double sign = node.opType().equals("Add") ? 1 : -1;
                if (x instanceof Affine a && y instanceof Affine b && a.columns() == b.columns()) {
                    return combine(a, b, sign);
                }
                if (x instanceof Affine a && y instanceof OnnxGraph.Tensor t) {
                    double[] c = broadcast(t, a.columns());
                    return c == null ? null : shift(a, c, sign);
                }
                if (x instanceof OnnxGraph.Tensor t && y instanceof Affine a) {
                    double[] c = broadcast(t, a.columns());
                    return c == null ? null : shift(scale(a, sign), c, 1);
                }
                return null;
            }
            case "Mul", "Div" -> {
                Object x = values.get(in.get(0));
                Object y = values.get(in.get(1));
                boolean divide = node.opType().equals("Div");
                if (x instanceof Affine a && y instanceof OnnxGraph.Tensor t) {
                    double[] c = broadcast(t, a.columns());
                    return c == null ? null : scaleColumns(a, c, divide);
                }
                if (!divide && x instanceof OnnxGraph.Tensor t && y instanceof Affine a) {
                    double[] c = broadcast(t, a.columns());
                    return c == null ? null : scaleColumns(a, c, false);
                }
                return null;
            }
            case "Neg" -> {
                return values.get(in.get(0)) instanceof Affine a ? scale(a, -1) : null;
            }
            case "Softmax" -> {
                double axis = node.number("axis", 1);
                return values.get(in.get(0)) instanceof Affine a && (axis == 1 || axis == -1) ? new SoftmaxOf(a) : null;
            }
            case "Sigmoid" -> {
                return values.get(in.get(0)) instanceof Affine a && a.columns() == 1 ? new SigmoidOf(a) : null;
            }
            default -> {
                return null;
            }
        }
    }

    /** A clip of a one-column affine score, its bounds from inputs (opset 11+) or attributes (earlier). */
    private static Object clip(OnnxGraph.Node node, Map<String, Object> values) {
        List<String> in = node.inputs();
        if (!(values.get(in.get(0)) instanceof Affine a) || a.columns() != 1 || a.clipped()) {
            return null;
        }
        double lo = node.number("min", Double.NEGATIVE_INFINITY);
        double hi = node.number("max", Double.POSITIVE_INFINITY);
        for (int i = 1; i <= 2 && i < in.size(); i++) {
            if (in.get(i).isEmpty()) {
                continue;
            }
            if (!(values.get(in.get(i)) instanceof OnnxGraph.Tensor t) || t.values() == null || t.values().length != 1) {
                return null;
            }
            if (i == 1) {
                lo = t.values()[0];
            } else {
                hi = t.values()[0];
            }
        }
        return lo < hi ? new Affine(a.a(), a.b(), lo, hi) : null;
    }

    private static Object gemm(OnnxGraph.Node node, Map<String, Object> values) {
        List<String> in = node.inputs();
        if (node.number("transA", 0) != 0 || in.size() < 2) {
            return null;
        }
        Object x = values.get(in.get(0));
        Object w = values.get(in.get(1));
        if (!(x instanceof Affine a) || !(w instanceof OnnxGraph.Tensor t) || t.dims().length != 2 || t.values() == null) {
            return null;
        }
        boolean transB = node.number("transB", 0) != 0;
        double[][] b = matrix(t, transB);
        if (b.length != a.columns()) {
            return null;
        }
        Affine product = multiply(a, b, node.number("alpha", 1));
        if (in.size() < 3 || in.get(2).isEmpty()) {
            return product;
        }
        if (!(values.get(in.get(2)) instanceof OnnxGraph.Tensor c)) {
            return null;
        }
        double[] shift = broadcast(c, product.columns());
        if (shift == null) {
            return null;
        }
        double beta = node.number("beta", 1);
        for (int j = 0; j < shift.length; j++) {
            shift[j] *= beta;
        }
        return shift(product, shift, 1);
    }

    /** The input itself: {@code a = I}, {@code b = 0}. */
    private static Affine identity(int width) {
        double[][] a = new double[width][width];
        for (int k = 0; k < width; k++) {
            a[k][k] = 1;
        }
        return new Affine(a, new double[width]);
    }

    /** {@code t} as a matrix {@code [rows][columns]}, transposed when asked. */
    private static double[][] matrix(OnnxGraph.Tensor t, boolean transpose) {
        int rows = (int) t.dims()[0];
        int columns = (int) t.dims()[1];
        double[][] m = transpose ? new double[columns][rows] : new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double v = t.values()[r * columns + c];
                if (transpose) {
                    m[c][r] = v;
                } else {
                    m[r][c] = v;
                }
            }
        }
        return m;
    }

    private static Affine multiply(Affine x, double[][] w, double factor) {
        int width = x.a().length;
        int columns = w[0].length;
        double[][] a = new double[width][columns];
        double[] b = new double[columns];
        for (int j = 0; j < columns; j++) {
            for (int c = 0; c < x.columns(); c++) {
                double weight = w[c][j] * factor;
                b[j] += x.b()[c] * weight;
                for (int k = 0; k < width; k++) {
                    a[k][j] += x.a()[k][c] * weight;
                }
            }
        }
        return new Affine(a, b);
    }

    /** A constant broadcast along the columns: a scalar, {@code [n]} or {@code [1, n]}; {@code null} otherwise. */
    private static double[] broadcast(OnnxGraph.Tensor t, int columns) {
        if (t.values() == null) {
            return null;
        }
        long size = t.size();
        boolean rowShaped = t.dims().length <= 1 || t.dims().length == 2 && t.dims()[0] == 1;
        if (size == 1 && t.values().length == 1) {
            double[] c = new double[columns];
            java.util.Arrays.fill(c, t.values()[0]);
            return c;
        }
        return rowShaped && size == columns && t.values().length == columns ? t.values().clone() : null;
    }

    private static Affine combine(Affine x, Affine y, double sign) {
        double[][] a = new double[x.a().length][x.columns()];
        double[] b = new double[x.columns()];
        for (int j = 0; j < b.length; j++) {
            b[j] = x.b()[j] + sign * y.b()[j];
            for (int k = 0; k < a.length; k++) {
                a[k][j] = x.a()[k][j] + sign * y.a()[k][j];
            }
        }
        return new Affine(a, b);
    }

    private static Affine shift(Affine x, double[] c, double sign) {
        double[] b = x.b().clone();
        for (int j = 0; j < b.length; j++) {
            b[j] += sign * c[j];
        }
        return new Affine(x.a(), b);
    }

    private static Affine scale(Affine x, double factor) {
        double[] c = new double[x.columns()];
        java.util.Arrays.fill(c, factor);
        return scaleColumns(x, c, false);
    }

    private static Affine scaleColumns(Affine x, double[] c, boolean divide) {
        double[][] a = new double[x.a().length][x.columns()];
        double[] b = new double[x.columns()];
        for (int j = 0; j < b.length; j++) {
            double f = divide ? 1 / c[j] : c[j];
            b[j] = x.b()[j] * f;
            for (int k = 0; k < a.length; k++) {
                a[k][j] = x.a()[k][j] * f;
            }
        }
        return new Affine(a, b);
    }
}
