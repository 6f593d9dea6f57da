package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.util.Require;

/**
 * The change of variable shared by the amplifiers: {@code phi(a) = E[X erf(c X)]} with
 * <pre>  c(a) = a / sqrt(2 (1 - a^2)),   dc/da = 1 / (sqrt 2 (1 - a^2)^(3/2))</pre>
 * ({@code c = alg^-1(a)/sqrt 2}, {@code alg^-1(a) = a/sqrt(1-a^2)}), and the validation of the
 * argument a.
 */
final class AmplifierMath {
    /** {@code 2/sqrt(pi)}, the derivative of erf at 0. */
    static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

    private AmplifierMath() {
    }

    /** Requires {@code -1 <= a <= 1}. */
    static double closedDomain(double a) {
        return Require.inRange("a", a, -1, 1);
    }

    /** Requires {@code -1 < a < 1}. */
    static double openDomain(double a) {
        if (!(a > -1 && a < 1)) {
            throw new IllegalArgumentException("a must be a number in (-1, 1), got " + a);
        }
        return a;
    }

    /** {@code c(a) = a / sqrt(2 (1 - a^2))}, infinite at {@code |a| = 1}. */
    static double erfScale(double a) {
        return a / Math.sqrt(2 * (1 - a) * (1 + a));
    }

    /** {@code dc/da = 1 / (sqrt 2 (1 - a^2)^(3/2))}. */
    static double erfScaleDerivative(double a) {
        double oneMinusA2 = (1 - a) * (1 + a);
        return 1 / (Math.sqrt(2) * oneMinusA2 * Math.sqrt(oneMinusA2));
    }
}
