package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.Quadrature;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RadialLawTest {
    private static final DoubleUnaryOperator ARTANH = v -> 0.5 * Math.log1p(2 * v / (1 - v));

    /**
     * {@code E[artanh(v)^n] = n! 2^(1-n) eta(n)} (ln 2, pi^2/12, (9/8) zeta(3), 7 pi^4/240) and the
     * extreme law's closed-form moments, against tanh-sinh quadrature of the integrable
     * logarithmic end-point singularity.
     */
    @Test
    void extremeMomentsMatchQuadrature() {
        double zeta3 = 1.2020569031595942854;
        double[] closed = {Math.log(2), Math.PI * Math.PI / 12, 9.0 / 8 * zeta3, 7 * Math.pow(Math.PI, 4) / 240};
        for (int n = 1; n <= 4; n++) {
            int power = n;
            double q = Quadrature.integrateOpenUnit(v -> Math.pow(ARTANH.applyAsDouble(v), power), 1e-13);
            assertEquals(closed[n - 1], q, 1e-11 * q, "E[artanh^" + n + "]");
        }
        RadialLaw extreme = RadialLaw.extreme();
        for (int m : new int[] {2, 4}) {
            double q = Quadrature.integrateOpenUnit(v -> Math.pow(2 + ARTANH.applyAsDouble(v), m), 1e-13);
            double exact = m == 2 ? extreme.secondMoment(40) : extreme.fourthMoment(40);
            assertEquals(q, exact, 1e-11 * q, "E[r^" + m + "]");
        }
    }

    /**
     * Extreme radii drawn by the law: every r >= 2 and the mean of r^2 equals E[r^2] within 5 SE,
     * {@code SE = sqrt((E r^4 - (E r^2)^2)/n)}.
     */
    @Test
    void extremeSamplesHaveExactSecondMoment() {
        RadialLaw extreme = RadialLaw.extreme();
        SplittableRandom random = new SplittableRandom(79);
        int n = 400_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double r = extreme.sample(40, 1, random);
            assertEquals(true, r >= 2);
            sum += r * r;
        }
        double m2 = extreme.secondMoment(40);
        assertEquals(m2, sum / n, 5 * Math.sqrt((extreme.fourthMoment(40) - m2 * m2) / n));
    }

    @Test
    void kurtosisFormulas() {
        int d = 40;
        assertEquals(3.0 * d / (d + 2) - 3, RadialLaw.shell().excessKurtosis(d), 1e-15);
        RadialLaw extreme = RadialLaw.extreme();
        double ratio = extreme.fourthMoment(d) / Math.pow(extreme.secondMoment(d), 2);
        assertEquals(ratio * 3 * d / (d + 2) - 3, extreme.excessKurtosis(d), 1e-14);
        assertEquals(3.0 * 3 / 1 - 3, RadialLaw.studentT(5).excessKurtosis(d), 1e-12);
        assertEquals(3.0 * 8 / 6 - 3, RadialLaw.studentT(10).excessKurtosis(7), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, RadialLaw.studentT(3).excessKurtosis(d));
        assertEquals(Double.POSITIVE_INFINITY, RadialLaw.studentT(4).excessKurtosis(d));
        assertEquals(d, RadialLaw.studentT(3).secondMoment(d));
    }

    /** A user quantile reproducing a built-in law gets that law's moments by quadrature. */
    @Test
    void quantileLawMomentsByQuadrature() {
        RadialLaw q = RadialLaw.quantile(v -> 2 + ARTANH.applyAsDouble(v), "extreme-by-quantile");
        RadialLaw extreme = RadialLaw.extreme();
        assertEquals(extreme.secondMoment(9), q.secondMoment(9), 1e-11 * extreme.secondMoment(9));
        assertEquals(extreme.fourthMoment(9), q.fourthMoment(9), 1e-11 * extreme.fourthMoment(9));
        assertEquals(extreme.excessKurtosis(9), q.excessKurtosis(9), 1e-10);
        RadialLaw one = RadialLaw.quantile(v -> 1, "one");
        assertEquals(RadialLaw.shell().excessKurtosis(12), one.excessKurtosis(12), 1e-12);
        assertEquals("one", one.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RadialLaw.quantile(v -> 0, "zero"));
        assertEquals("E[r^2] of radial law zero must be a finite number > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RadialLaw.quantile(v -> 1, " "));
    }

    @Test
    void parseReadsCommandLineNames() {
        assertEquals(RadialLaw.shell(), RadialLaw.parse("shell", 3));
        assertEquals(RadialLaw.extreme(), RadialLaw.parse("extreme", 3));
        assertEquals(RadialLaw.studentT(7), RadialLaw.parse("t", 7));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RadialLaw.parse("cauchy", 3));
        assertEquals("unknown radial law 'cauchy'; accepted: shell, extreme, t", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RadialLaw.studentT(2));
        assertEquals("df must be a finite number > 2, got 2.0", e.getMessage());
    }
}
