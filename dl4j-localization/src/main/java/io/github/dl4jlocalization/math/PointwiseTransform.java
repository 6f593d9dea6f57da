package io.github.dl4jlocalization.math;

import java.io.Serializable;

/**
 * A function applied to every value of a Gaussian field, e.g. {@code z -> erf(g z)/Z(g)} for
 * NLGP or the Gaussian-copula marginal {@code z -> Q(Phi(z))} for Kur(k).
 */
@FunctionalInterface
public interface PointwiseTransform extends Serializable {

    /** The transform of one value. */
    double apply(double z);

    /** Applies the transform in place to {@code count} values starting at {@code from}. */
    default void applyInPlace(double[] values, int from, int count) {
        for (int i = from, end = from + count; i < end; i++) {
            values[i] = apply(values[i]);
        }
    }
}
