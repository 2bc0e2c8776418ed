package org.magicsteps.model.evaluation;

/**
 * A metric measured on one data set, with a 95 % bootstrap confidence interval.
 *
 * @param value the metric on the data as it is
 * @param low the 2.5th percentile of the metric over bootstrap resamples
 * @param high the 97.5th percentile
 */
public record Estimate(double value, double low, double high) {

    public Estimate {
        if (!Double.isFinite(value) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("an estimate needs finite numbers, got " + value + " [" + low + ", "
                    + high + "]");
        }
    }

    /** {@code 0.912 [0.871, 0.950]}, for people. */
    public String text() {
        return String.format(java.util.Locale.ROOT, "%.3f [%.3f, %.3f]", value, low, high);
    }
}
