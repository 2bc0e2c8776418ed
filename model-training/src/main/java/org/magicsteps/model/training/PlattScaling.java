package org.magicsteps.model.training;

import java.util.Locale;

/**
 * Platt scaling: the calibrated log-odds are {@code scale · s + shift}, where {@code s} is the
 * model's own log-odds, fitted by maximum likelihood on held-out rows (the validation split).
 *
 * <p>As Platt (1999) prescribes, the targets are not 0 and 1 but {@code 1 / (N₋ + 2)} and
 * {@code (N₊ + 1) / (N₊ + 2)}: on rows that the scores separate perfectly (IPV separates the
 * validation split exactly) the plain fit would send the scale to infinity and the probabilities
 * to 0 and 1; with these targets the scale stays finite. It is a monotone map of the log-odds,
 * so it changes no ranking (ROC-AUC and PR-AUC are untouched) and a linear model stays linear.
 *
 * <p>Why not isotonic regression: fitted on 138 validation rows with 18 positives it is a step
 * function of a few steps, it gives exactly 0 to every score below the lowest positive, and it is
 * not a map of the log-odds, so explanations in log-odds would stop adding up.
 *
 * @param scale the slope on the model's log-odds (below 1 when the model was over-confident)
 * @param shift the intercept
 */
record PlattScaling(double scale, double shift) {

    private static final int MAX_ITERATIONS = 100;
    private static final double CONVERGED = 1e-12;

    PlattScaling {
        if (!Double.isFinite(scale) || !Double.isFinite(shift)) {
            throw new IllegalArgumentException("Platt scaling needs finite numbers, got " + scale + ", " + shift);
        }
    }

    /** The identity map. */
    static final PlattScaling NONE = new PlattScaling(1, 0);

    /**
     * Fits the map on held-out log-odds by Newton's method on the smoothed targets (with a
     * backtracking line search, so it always converges).
     *
     * @throws IllegalArgumentException when the rows lack a class
     */
    static PlattScaling fit(double[] logOdds, boolean[] truth) {
        long positives = 0;
        for (boolean t : truth) {
            positives += t ? 1 : 0;
        }
        long negatives = truth.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("Platt scaling needs both classes among the held-out rows");
        }
        double high = (positives + 1.0) / (positives + 2.0);
        double low = 1.0 / (negatives + 2.0);
        double[] target = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            target[i] = truth[i] ? high : low;
        }
        // Fitted on the scores divided by their spread, so that Newton's method starts well conditioned
        // whatever the model's scale (a model that reads IPV spreads its log-odds over thousands).
        double spread = spread(logOdds);
        double[] scores = new double[logOdds.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = logOdds[i] / spread;
        }
        PlattScaling standardised = fit(scores, target, positives, negatives);
        return new PlattScaling(standardised.scale() / spread, standardised.shift());
    }

    private static PlattScaling fit(double[] logOdds, double[] target, long positives, long negatives) {
        double a = 1.0;
        double b = Math.log((positives + 1.0) / (negatives + 1.0));
        double loss = loss(logOdds, target, a, b);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double ga = 0;
            double gb = 0;
            double haa = 1e-12;
            double hab = 0;
            double hbb = 1e-12;
            for (int i = 0; i < logOdds.length; i++) {
                double p = LogOddsModel.sigmoid(a * logOdds[i] + b);
                double d = p - target[i];
                double w = p * (1 - p);
                ga += d * logOdds[i];
                gb += d;
                haa += w * logOdds[i] * logOdds[i];
                hab += w * logOdds[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double step = 1.0;
            double next = loss(logOdds, target, a + da, b + db);
            while (next > loss && step > 1e-10) {
                step /= 2;
                next = loss(logOdds, target, a + step * da, b + step * db);
            }
            if (next > loss) {
                break;
            }
            a += step * da;
            b += step * db;
            boolean converged = loss - next < CONVERGED;
            loss = next;
            if (converged) {
                break;
            }
        }
        return new PlattScaling(a, b);
    }

    private static double spread(double[] values) {
        double mean = java.util.Arrays.stream(values).average().orElse(0);
        double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(0);
        double sd = Math.sqrt(variance);
        return sd > 1e-12 && Double.isFinite(sd) ? sd : 1.0;
    }

    /** The calibrated log-odds of a score. */
    double apply(double logOdds) {
        return scale * logOdds + shift;
    }

    /** {@code 1.2345 · s − 0.5432}, for people. */
    String text() {
        return String.format(Locale.ROOT, "%.6g · s %s %.6g", scale, shift < 0 ? "−" : "+", Math.abs(shift));
    }

    private static double loss(double[] s, double[] target, double a, double b) {
        double sum = 0;
        for (int i = 0; i < s.length; i++) {
            double z = a * s[i] + b;
            // log(1 + e^z) − t·z, computed without overflow.
            sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i] * z;
        }
        return sum;
    }
}
