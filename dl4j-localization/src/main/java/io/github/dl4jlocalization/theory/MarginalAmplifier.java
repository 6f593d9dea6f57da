package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.Quadrature;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Erf;

import java.util.function.DoubleUnaryOperator;

/**
 * The amplifier of a marginal given as a transform of a standard normal, {@code X = T(z)} (NLGP:
 * {@code erf(g z)/Z(g)}; Gaussian copula: {@code Q(Phi(z))}), by one-dimensional quadrature over
 * z. T odd makes both integrands even, so with {@code phi_N} the standard normal density:
 * <pre>
 *   phi(a)  = 2 int_0^inf T(z) erf(c T(z)) phi_N(z) dz,                       c = a / sqrt(2(1 - a^2))
 *   phi'(a) = 2 (2/sqrt pi) (dc/da) int_0^inf T(z)^2 exp(-c^2 T(z)^2) phi_N(z) dz
 *   phi(+-1) = +-E|X| = +-2 int_0^inf T(z) phi_N(z) dz
 * </pre>
 * Integration: adaptive Gauss-Kronrod ({@link Quadrature#integrate}, tolerance 1e-13) on panels
 * with break points at {@code z = 1e-6 .. 1e-2} (decades), 0.1, 0.5, 1, 2, 4, 8 and 13, so the
 * steep regions near z = 0 (NLGP's {@code erf(g z)} for large g, {@code erf(c T)} for a near
 * +-1) are resolved. The integrands decay at least like {@code exp(-z^2/4)} for every law with a
 * finite variance among the project's (algebraic {@code k > 2} tails grow like
 * {@code exp(z^2/(2k))}), so truncation at z = 13 costs less than 1e-18.
 *
 * <p>One evaluation costs a few hundred transform and erf calls; {@link Amplifier#marginal}
 * tabulates it.
 */
final class MarginalAmplifier implements Amplifier {
    private static final long serialVersionUID = 1L;
    private static final double[] BREAKS = {0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 0.5, 1, 2, 4, 8, 13};
    private static final double TOLERANCE = 1e-13;
    /** {@code 1/sqrt(2 pi)}. */
    private static final double NORMAL_DENSITY_AT_0 = 1 / Math.sqrt(2 * Math.PI);
    /** Points where oddness of T is checked. */
    private static final double[] ODDNESS_PROBES = {0.3, 1, 2.5};

    private final PointwiseTransform transform;
    private final String name;
    private final double meanAbsolute;

    /**
     * @param transform T, odd (checked at z = 0.3, 1, 2.5 to 1e-12 relative)
     * @param name      description of the marginal
     */
    MarginalAmplifier(PointwiseTransform transform, String name) {
        this.transform = Require.nonNull("marginal transform", transform);
        this.name = Require.nonNull("marginal name", name);
        for (double z : ODDNESS_PROBES) {
            double plus = transform.apply(z);
            double minus = transform.apply(-z);
            Require.that(Math.abs(plus + minus) <= 1e-12 * Math.max(1, Math.abs(plus)), "marginal transform " + name,
                    "T(" + z + ") = " + plus + ", T(-" + z + ") = " + minus, "odd (a symmetric marginal)");
        }
        this.meanAbsolute = halfLineExpectation(x -> x);
    }

    /** {@code 2 int_0^13 f(T(z)) phi_N(z) dz} for an even integrand. */
    private double halfLineExpectation(DoubleUnaryOperator ofX) {
        PointwiseTransform t = transform;
        DoubleUnaryOperator integrand = z -> ofX.applyAsDouble(t.apply(z)) * Math.exp(-0.5 * z * z);
        double sum = 0;
        for (int i = 0; i + 1 < BREAKS.length; i++) {
            sum += Quadrature.integrate(integrand, BREAKS[i], BREAKS[i + 1], TOLERANCE);
        }
        return 2 * NORMAL_DENSITY_AT_0 * sum;
    }

    /** {@code E|X|}. */
    double meanAbsoluteValue() {
        return meanAbsolute;
    }

    @Override
    public double value(double a) {
        AmplifierMath.closedDomain(a);
        if (a == 0) {
            return 0;
        }
        if (Math.abs(a) == 1) {
            return Math.copySign(meanAbsolute, a);
        }
        double c = AmplifierMath.erfScale(a);
        return halfLineExpectation(x -> x * Erf.erf(c * x));
    }

    @Override
    public double derivative(double a) {
        double c = AmplifierMath.erfScale(AmplifierMath.openDomain(a));
        double moment = halfLineExpectation(x -> x * x * Math.exp(-c * c * x * x));
        return AmplifierMath.TWO_OVER_SQRT_PI * AmplifierMath.erfScaleDerivative(a) * moment;
    }

    @Override
    public String toString() {
        return "marginal(" + name + ")";
    }
}
