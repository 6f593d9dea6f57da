package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.math.TabulatedTransform;
import io.github.dl4jlocalization.util.Require;

/**
 * A costly amplifier made cheap: {@code phi(a)} is interpolated in the angle {@code theta = asin(a)},
 * <pre>  psi(theta) = phi(sin theta),   psi'(theta) = phi'(sin theta) cos theta</pre>
 * by a {@link TabulatedTransform} (cubic Hermite on the exact value and derivative at
 * {@code cells + 1} equally spaced nodes of {@code [-pi/2 + EDGE, pi/2 - EDGE]},
 * {@code EDGE} = {@value #EDGE}, i.e. up to {@code 1 - |a| = 5e-9}) and evaluated exactly
 * outside.
 *
 * <p>Why the angle: as {@code |a| -> 1} phi approaches {@code E|X|} through powers of
 * {@code sqrt(1 - a^2)} set by the density of X near 0 (e.g. {@code (1 - a^2)^(3/2)} for the
 * Laplace law, whose density has a kink at 0), which are not smooth in a at {@code a = 1};
 * {@code sqrt(1 - a^2) = cos theta} is smooth in theta, so the interpolation error stays at its
 * interior size {@code h^4/384 max|psi''''|} up to the ends. (Tabulated in a, the Laplace
 * amplifier had errors of 4e-6 near |a| = 0.9996 with 2048 cells; in theta the tests check every
 * project marginal to 1e-10.) Building the table costs {@code 2 (cells + 1)} exact evaluations;
 * {@link #derivative} is the exact one.
 */
final class TabulatedAmplifier implements Amplifier {
    private static final long serialVersionUID = 1L;
    /** Distance in theta from +-pi/2 of the table's ends. */
    static final double EDGE = 1e-4;

    private final Amplifier exact;
    private final int cells;
    private final double limit;
    private final TabulatedTransform table;

    TabulatedAmplifier(Amplifier exact, int cells) {
        this.exact = Require.nonNull("amplifier", exact);
        this.cells = Require.atLeast("cells", cells, 2);
        this.limit = Math.PI / 2 - EDGE;
        this.table = new TabulatedTransform(theta -> exact.value(Math.sin(theta)),
                theta -> exact.derivative(Math.sin(theta)) * Math.cos(theta), -limit, limit, cells);
    }

    @Override
    public double value(double a) {
        double theta = Math.asin(AmplifierMath.closedDomain(a));
        return Math.abs(theta) < limit ? table.apply(theta) : exact.value(a);
    }

    @Override
    public double derivative(double a) {
        return exact.derivative(a);
    }

    @Override
    public String toString() {
        return exact + " tabulated on " + cells + " cells";
    }
}
