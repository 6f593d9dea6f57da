package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;

/**
 * Mean, sample standard deviation and standard error of a measure over the seeds of one point
 * (NaN values, e.g. a unit with every weight pruned, left out):
 * {@code mean = (1/n) sum x_s}, {@code std = sqrt(sum (x_s - mean)^2 / (n - 1))} (NaN for
 * n = 1), {@code se = std / sqrt(n)}.
 *
 * @param n    the finite values counted
 * @param mean their mean (NaN when n = 0)
 * @param std  their sample standard deviation (NaN when n < 2)
 */
public record SeedStats(int n, double mean, double std) {

    /** The statistics of {@code values}. */
    public static SeedStats of(double[] values) {
        double[] v = Arrays.stream(Require.nonNull("values", values)).filter(x -> !Double.isNaN(x)).toArray();
        if (v.length == 0) {
            return new SeedStats(0, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(v).average().orElseThrow();
        double squares = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        return new SeedStats(v.length, mean, v.length < 2 ? Double.NaN : Math.sqrt(squares / (v.length - 1)));
    }

    /** The standard error of the mean, {@code std / sqrt(n)}. */
    public double se() {
        return std / Math.sqrt(n);
    }

    /**
     * Whether {@code this.mean - other.mean} exceeds {@code z} standard errors of the difference
     * {@code sqrt(se_a^2 + se_b^2)} (false when either has fewer than 2 values).
     */
    public boolean exceeds(SeedStats other, double z) {
        double se = Math.hypot(se(), other.se());
        return mean - other.mean > z * se;
    }
}
