package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * Position of a receptive field on a line (not periodic-aware), in pixel units: with
 * {@code p_i = w_i^2 / sum_j w_j^2}, {@code mean = sum_i i p_i} and
 * {@code variance = sum_i i^2 p_i - mean^2}. Both are NaN for the zero vector.
 *
 * @param mean     mu, in [0, D - 1], or NaN
 * @param variance >= 0, or NaN
 * @see LocalizationMetrics#linearPosition(double[])
 */
public record LinearPosition(double mean, double variance) implements Serializable {

    /** Validates {@code variance >= 0} (NaN allowed for an undefined position). */
    public LinearPosition {
        Require.that(!(variance < 0) && variance != Double.POSITIVE_INFINITY, "variance", variance,
                "a finite number >= 0 or NaN");
    }

    /** {@code sqrt(variance)}, in pixels. */
    public double standardDeviation() {
        return Math.sqrt(variance);
    }
}
