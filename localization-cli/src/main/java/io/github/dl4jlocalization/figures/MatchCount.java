package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.util.Require;

/**
 * A count of successes ("matches") out of a number of independent trials, with its binomial
 * confidence interval. Immutable.
 *
 * @param matches successes, in {@code [0, total]}
 * @param total   trials, >= 1
 */
public record MatchCount(int matches, int total) {
    /** The standard normal quantile of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    /** Validates {@code total >= 1} and {@code 0 <= matches <= total}. */
    public MatchCount {
        Require.atLeast("total", total, 1);
        Require.inRange("matches", matches, 0, total);
    }

    /** The observed fraction {@code p = matches / total}. */
    public double fraction() {
        return (double) matches / total;
    }

    /**
     * The Wilson score interval of the success probability at normal quantile z (e.g.
     * {@link #Z95}): with {@code p = k/n},
     * <pre>
     *   centre = (p + z^2/(2n)) / (1 + z^2/n)
     *   half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2))
     * </pre>
     * It stays inside [0, 1] and keeps a useful width at {@code k = 0} or {@code k = n}, where the
     * normal (Wald) interval collapses to a point.
     *
     * @param z the normal quantile, > 0
     * @return {lower, upper}
     */
    public double[] wilsonInterval(double z) {
        Require.positive("z", z);
        double n = total;
        double p = fraction();
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denominator;
        double half = z / denominator * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** {@code "matches/total"}, e.g. {@code 26/28}. */
    @Override
    public String toString() {
        return matches + "/" + total;
    }
}
