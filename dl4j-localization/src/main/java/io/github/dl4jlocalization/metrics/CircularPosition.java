package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * Position of a receptive field on a ring of D pixels (periodic boundary), by circular statistics,
 * in pixel units: with {@code p_i = w_i^2 / sum_j w_j^2}, angles {@code theta_i = 2 pi i / D}
 * and the resultant {@code C + iS = sum_i p_i exp(i theta_i)},
 * <pre>
 *   resultantLength    R    = sqrt(C^2 + S^2)                      in [0, 1]
 *   mean               mu   = (D / 2 pi) atan2(S, C)  mod D        in [0, D)
 *   standardDeviation  s    = (D / 2 pi) sqrt(-2 ln R)             in [0, inf]
 * </pre>
 * For a wrapped Gaussian bump {@code p_i ∝ exp(-d(i, c)^2 / (2 s^2))} (d the distance on the
 * ring) this gives {@code mu = c} and standard deviation s, up to terms of order
 * {@code exp(-2 pi^2 s^2)}, wherever c lies, including across the boundary between D - 1 and 0.
 * R near 0 means the weight is spread evenly around the ring: the mean direction is then
 * undefined (numerically arbitrary). All three are NaN for the zero vector.
 *
 * @param mean              mu, in [0, D), or NaN
 * @param resultantLength   R, in [0, 1], or NaN
 * @param standardDeviation circular standard deviation, >= 0 (infinite when R = 0), or NaN
 * @see LocalizationMetrics#circularPosition(double[])
 */
public record CircularPosition(double mean, double resultantLength, double standardDeviation)
        implements Serializable {

    /** Validates the ranges (NaN allowed for an undefined position). */
    public CircularPosition {
        Require.that(!(mean < 0) && mean != Double.POSITIVE_INFINITY, "mean", mean, "a finite number >= 0 or NaN");
        Require.that(!(resultantLength < 0 || resultantLength > 1), "resultantLength", resultantLength,
                "a number in [0, 1] or NaN");
        Require.that(!(standardDeviation < 0), "standardDeviation", standardDeviation, "a number >= 0 or NaN");
    }
}
