package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.util.Require;

/**
 * Mean and spread of one measure over the seeds of a figure point, NaN values (units without a
 * number, e.g. diverged runs) left out as the reference's {@code np.nanmean}/{@code np.nanstd} do:
 * <pre>
 * mean = (1/n) sum_i v_i
 * std  = sqrt( (1/n) sum_i (v_i - mean)^2 )      (population standard deviation, ddof = 0, as numpy's default)
 * </pre>
 * over the n finite values; both NaN when n = 0 (std 0 when n = 1). For tests between points
 * also the sample standard deviation {@code s = std sqrt(n/(n-1))} (ddof = 1), the standard
 * error of the mean {@code s / sqrt(n)} and {@link #exceeds}.
 *
 * @param count the number n of values used
 * @param mean  their mean
 * @param std   their population standard deviation
 */
public record SeedStatistics(int count, double mean, double std) {

    /** Validates the count. */
    public SeedStatistics {
        Require.atLeast("count", count, 0);
    }

    /** The statistics of the non-NaN entries of {@code values}. */
    public static SeedStatistics of(double[] values) {
        Require.nonNull("values", values);
        int n = 0;
        double sum = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                n++;
                sum += v;
            }
        }
        if (n == 0) {
            return new SeedStatistics(0, Double.NaN, Double.NaN);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new SeedStatistics(n, mean, Math.sqrt(squares / n));
    }

    /** The sample standard deviation {@code std * sqrt(n/(n-1))} (ddof = 1); NaN when n < 2. */
    public double sampleStd() {
        return count < 2 ? Double.NaN : std * Math.sqrt(count / (count - 1.0));
    }

    /** The standard error of the mean, {@code sampleStd / sqrt(n)}; NaN when n < 2. */
    public double standardError() {
        return sampleStd() / Math.sqrt(count);
    }

    /**
     * The two-sided 95 % confidence interval of the mean, {@code mean -+ t_{0.975, n-1} s / sqrt(n)}
     * with Student's t quantile of n - 1 degrees of freedom (the values taken as independent draws
     * of a normal law; for paired comparisons pass the per-seed differences); {NaN, NaN} when n < 2.
     *
     * @return {lower, upper}
     */
    public double[] interval95() {
        if (count < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double half = new org.apache.commons.math3.distribution.TDistribution(count - 1)
                .inverseCumulativeProbability(0.975) * standardError();
        return new double[] {mean - half, mean + half};
    }

    /**
     * Whether {@code this.mean - other.mean} exceeds {@code z} standard errors of the difference
     * {@code sqrt(se_a^2 + se_b^2)} (false when either has fewer than 2 values).
     */
    public boolean exceeds(SeedStatistics other, double z) {
        return mean - other.mean > z * Math.hypot(standardError(), other.standardError());
    }
}
