package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

/** Covariance kernels of the Gaussian fields underlying the data models. */
public final class Kernels {
    private Kernels() {
    }

    /**
     * The squared-exponential ring covariance of the reference code,
     * {@code C_xi(i,j) = exp(-d(i,j)^2 / xi^2)} with the periodic distance
     * {@code d = min(|i-j|, L-|i-j|)} in pixels (no factor 2); in 2-D the separable
     * {@code C_xi ⊗ C_xi = exp(-(dx^2 + dy^2)/xi^2)}.
     *
     * @param length L >= 2
     * @param dims   1 or 2
     * @param xi     correlation length in pixels, > 0
     */
    public static StationaryCovariance squaredExponential(int length, int dims, double xi) {
        Require.positive("xi", xi);
        Require.inRange("dim", dims, 1, 2);
        StationaryCovariance ring = StationaryCovariance.ring(length, d -> Math.exp(-(double) d * d / (xi * xi)));
        return dims == 1 ? ring : ring.kronecker();
    }
}
