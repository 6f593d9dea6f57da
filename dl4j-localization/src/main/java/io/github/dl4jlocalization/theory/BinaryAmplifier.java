package io.github.dl4jlocalization.theory;

import org.apache.commons.math3.special.Erf;

/**
 * The amplifier of the binary +-1 marginal (Ising spins, NLGP g -&gt; infinity, the single pulse),
 * where the expectation over X reduces to one term:
 * <pre>  phi(a) = erf(c),   phi'(a) = (2/sqrt pi) exp(-c^2) dc/da,   c = a / sqrt(2 (1 - a^2))</pre>
 * {@code phi(+-1) = +-1}. (The reference writes it {@code 2 Phi(a/sqrt(1-a^2)) - 1}.)
 */
record BinaryAmplifier() implements Amplifier {

    @Override
    public double value(double a) {
        return Erf.erf(AmplifierMath.erfScale(AmplifierMath.closedDomain(a)));
    }

    @Override
    public double derivative(double a) {
        double c = AmplifierMath.erfScale(AmplifierMath.openDomain(a));
        // exp(-c^2) underflows to 0 well before dc/da overflows (c^2 > 745 when 1 - |a| < 7e-4)
        return AmplifierMath.TWO_OVER_SQRT_PI * Math.exp(-c * c) * AmplifierMath.erfScaleDerivative(a);
    }

    @Override
    public String toString() {
        return "binary";
    }
}
