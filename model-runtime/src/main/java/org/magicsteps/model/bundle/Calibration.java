package org.magicsteps.model.bundle;

import java.util.Locale;
import java.util.Objects;

/**
 * How a bundle's probabilities were calibrated, and exactly how the probability it serves follows
 * from its graph's output. The calibration is a monotone map of the log-odds,
 * {@code scale · s + shift} (Platt scaling), where {@code s} is the uncalibrated model's
 * log-odds, so an explanation that adds up on the log-odds still adds up after it.
 *
 * <ul>
 *   <li>{@code inGraph = true}: the graph already computes the calibrated log-odds (for a linear
 *       model, its weights are the calibrated ones), optionally clipped to ±{@code logOddsLimit};
 *       the probability is the logistic function of the graph's output as the output kind says.
 *       Every client of the graph gets calibrated numbers.</li>
 *   <li>{@code inGraph = false}: the graph gives the uncalibrated output; the predictor takes its
 *       log-odds {@code s} (the logit output itself, or {@code log(p / (1 − p))} of a probability
 *       output), maps it to {@code scale · s + shift}, clips it to ±{@code logOddsLimit} when one is
 *       given, and serves the logistic function of that.</li>
 * </ul>
 *
 * @param method {@code platt}
 * @param fittedOn which rows the map was fitted on, in words
 * @param scale the slope on the uncalibrated log-odds
 * @param shift the intercept
 * @param inGraph whether the graph already applies the map
 * @param logOddsLimit the largest magnitude of the served log-odds, or {@code null} for none
 */
public record Calibration(String method, String fittedOn, double scale, double shift, boolean inGraph,
        Double logOddsLimit) {

    /** The only method this format knows. */
    public static final String PLATT = "platt";

    public Calibration {
        Objects.requireNonNull(method, "method");
        if (!method.equals(PLATT)) {
            throw new IllegalArgumentException("method: '" + method + "' is not a calibration method; expected platt");
        }
        if (!Double.isFinite(scale) || !(scale > 0)) {
            throw new IllegalArgumentException("scale: " + scale + " must be a positive number (the map must keep the "
                    + "model's order)");
        }
        if (!Double.isFinite(shift)) {
            throw new IllegalArgumentException("shift: " + shift + " is not a finite number");
        }
        if (logOddsLimit != null && !(logOddsLimit > 0 && Double.isFinite(logOddsLimit))) {
            throw new IllegalArgumentException("log_odds_limit: " + logOddsLimit + " must be a positive number");
        }
    }

    /**
     * The served probability for the graph's uncalibrated log-odds {@code s}, when the graph does
     * not apply the map itself.
     */
    public double probabilityOf(double logOdds) {
        double z = scale * logOdds + shift;
        if (logOddsLimit != null) {
            z = Math.max(-logOddsLimit, Math.min(logOddsLimit, z));
        }
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** How the served probability follows from the graph's output, in one line, for the manifest's readers. */
    public String formula(OnnxSpec onnx) {
        String limit = logOddsLimit == null ? "" : String.format(Locale.ROOT, ", clipped to ±%s", logOddsLimit);
        String map = String.format(Locale.ROOT, "%.17g · s %s %.17g", scale, shift < 0 ? "-" : "+", Math.abs(shift));
        String output = "output '" + onnx.outputName() + "'";
        if (inGraph) {
            return "probability = 1 / (1 + exp(-z)), z = " + output + " (" + onnx.outputKind().label() + "); the graph "
                    + "already computes z = " + map + limit + ", s being the uncalibrated model's log-odds";
        }
        String s = onnx.outputKind() == OutputKind.LOGIT ? "s = " + output : "s = log(p / (1 - p)), p = " + output;
        return "probability = 1 / (1 + exp(-z)), z = " + map + limit + ", " + s;
    }
}
