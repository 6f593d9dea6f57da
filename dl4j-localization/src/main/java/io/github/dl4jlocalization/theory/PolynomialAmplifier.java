package io.github.dl4jlocalization.theory;

/**
 * The odd cubic amplifier {@code phi(a) = linear a + cubic a^3}: the Gaussian and linear forms
 * ({@code cubic = 0}), the kurtosis {@link Amplifier#taylor Taylor} form and the Fig. 3
 * notebook's {@link Amplifier#fig3Cubic truncated} form.
 *
 * @param name   the description given by {@link #toString()}
 * @param linear the coefficient of a
 * @param cubic  the coefficient of {@code a^3}
 */
record PolynomialAmplifier(String name, double linear, double cubic) implements Amplifier {

    @Override
    public double value(double a) {
        AmplifierMath.closedDomain(a);
        return a * (linear + cubic * a * a);
    }

    @Override
    public double derivative(double a) {
        AmplifierMath.openDomain(a);
        return linear + 3 * cubic * a * a;
    }

    @Override
    public String toString() {
        return name;
    }
}
