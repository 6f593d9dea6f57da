package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.Quadrature;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarginalTest {

    /** {@code s_k^2 = B(3/k, 1-2/k)/k} against a quadrature of {@code y^2} times the density. */
    @ParameterizedTest
    @ValueSource(doubles = {3, 5, 10, 30})
    void standardDeviationIsSecondMomentOfDensity(double k) {
        // 2 int_0^inf y^2 (1+y^k)^(-(k+1)/k) / 2 dy, with y = w/(1-w) on (0, 1)
        double second = Quadrature.integrateOpenUnit(w -> {
            double y = w / (1 - w);
            return y * y * Math.pow(1 + Math.pow(y, k), -(k + 1) / k) / ((1 - w) * (1 - w));
        }, 1e-13);
        double s = Marginal.algebraic(k).standardDeviation();
        assertEquals(second, s * s, 1e-9 * second);
        if (k == 3) {
            assertEquals(1, s, 1e-14, "s_3 = 1 (docs/science.md 2.6)");
        }
    }

    /**
     * docs/science.md 2.6: the reference prints s_k estimated from 10^6 draws. Its standard error is
     * {@code sd(y^2) / (2 s_k 1000)} with {@code Var(y^2) = E y^4 - s_k^4} (exact moments; finite
     * for k > 4): tolerance 5 standard errors.
     */
    @ParameterizedTest
    @CsvSource({"5, 0.69506", "6, 0.65660", "10, 0.60500", "30, 0.58044"})
    void standardDeviationAgreesWithReferenceEstimate(double k, double printed) {
        Marginal.Algebraic m = Marginal.algebraic(k);
        double s = m.standardDeviation();
        double se = Math.sqrt(m.absoluteMoment(4) - Math.pow(s, 4)) / (2 * s * Math.sqrt(1e6));
        assertEquals(printed, s, 5 * se);
    }

    /** docs/science.md 2.6 excess-kurtosis table (2 decimals). */
    @ParameterizedTest
    @CsvSource({"4.1, 26.33", "4.3, 7.76", "5, 1.29", "6.0, -0.08", "6.1, -0.14", "10, -0.93", "30, -1.17",
        "50, -1.19"})
    void excessKurtosisMatchesTable(double k, double excess) {
        assertEquals(excess, Marginal.algebraic(k).excessKurtosis(), 5e-3);
    }

    @Test
    void kurtosisDivergesForKAtMostFourAndTendsToUniform() {
        assertEquals(Double.POSITIVE_INFINITY, Marginal.algebraic(4).excessKurtosis());
        assertEquals(Double.POSITIVE_INFINITY, Marginal.algebraic(2.5).excessKurtosis());
        // k -> infinity: uniform on [-sqrt 3, sqrt 3], excess -1.2
        assertEquals(-1.2, Marginal.algebraic(1e6).excessKurtosis(), 1e-4);
    }

    @Test
    void otherMarginalsHaveTheirExactKurtosis() {
        assertEquals(0, Marginal.gaussian().excessKurtosis());
        assertEquals(-1.2, Marginal.uniform().excessKurtosis());
        assertEquals(3, Marginal.laplace().excessKurtosis());
        assertEquals(-2, Marginal.binary().excessKurtosis());
    }

    /**
     * The tabulated algebraic transform against {@code u / (1 - |u|^k)^(1/k) / s_k}, evaluated here
     * independently of the implementation: {@code 1 - |u|^k = 1 - (1 - e)^k} with
     * {@code e = erfc(|z|/sqrt 2)} directly where e > 1e-3 and by its binomial series
     * {@code sum_j (-1)^(j+1) C(k, j) e^j} in the tail.
     */
    @ParameterizedTest
    @ValueSource(doubles = {4.1, 6.1, 30})
    void algebraicTransformIsAccurate(double k) {
        double s = Marginal.algebraic(k).standardDeviation();
        TransformAccuracy.assertAccurate(Marginal.algebraic(k).transform(), z -> {
            double e = Erf.erfc(Math.abs(z) / Math.sqrt(2));
            double y = (1 - e) / Math.pow(oneMinusPower(e, k), 1 / k) / s;
            return z < 0 ? -y : y;
        }, 9, "algebraic k=" + k);
    }

    /** {@code 1 - (1 - e)^k}. */
    private static double oneMinusPower(double e, double k) {
        if (e > 1e-3) {
            return 1 - Math.pow(1 - e, k);
        }
        double sum = 0;
        double term = 1;
        for (int j = 1; j < 40; j++) {
            term *= -(k - j + 1) / j * e;
            sum -= term;
        }
        return sum;
    }

    @Test
    void uniformAndLaplaceTransformsAreAccurate() {
        TransformAccuracy.assertAccurate(Marginal.uniform().transform(),
                z -> Math.sqrt(3) * (2 * 0.5 * Erf.erfc(-z / Math.sqrt(2)) - 1), 9, "uniform");
        TransformAccuracy.assertAccurate(Marginal.laplace().transform(), z -> {
            double p = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            double q = z < 0 ? p : 0.5 * Erf.erfc(z / Math.sqrt(2));
            return Math.signum(z) * -Math.log(2 * q) / Math.sqrt(2);
        }, 9, "laplace");
    }

    /** The far tail goes through erfc, not 1 - erf: finite, increasing values up to |z| = 30. */
    @Test
    void tailsAreFiniteAndIncreasing() {
        for (Marginal m : new Marginal[] {Marginal.algebraic(4.1), Marginal.algebraic(30), Marginal.laplace()}) {
            PointwiseTransform t = m.transform();
            double previous = t.apply(5);
            for (double z = 5.5; z <= 30; z += 0.5) {
                double x = t.apply(z);
                assertTrue(Double.isFinite(x) && x > previous, m + " at z = " + z + ": " + x);
                // odd up to the table's error (1e-11 relative on each side)
                assertEquals(-x, t.apply(-z), 2e-11 * x, m + " odd");
                previous = x;
            }
        }
    }

    @Test
    void binaryIsExactSign() {
        PointwiseTransform t = Marginal.binary().transform();
        assertEquals(1, t.apply(1e-300));
        assertEquals(-1, t.apply(-1e-300));
        assertEquals(1, t.apply(0));
    }

    @Test
    void correlationMapsAreClosedFormsWhereKnown() {
        assertEquals(0.3, Marginal.gaussian().correlationMap().orElseThrow().applyAsDouble(0.3));
        assertEquals(2 / Math.PI * Math.asin(0.3), Marginal.binary().correlationMap().orElseThrow().applyAsDouble(0.3));
        assertEquals(6 / Math.PI * Math.asin(0.15), Marginal.uniform().correlationMap().orElseThrow().applyAsDouble(0.3));
        for (Marginal m : new Marginal[] {Marginal.gaussian(), Marginal.binary(), Marginal.uniform()}) {
            assertEquals(1, m.correlationMap().orElseThrow().applyAsDouble(1), 1e-15, m + " unit variance");
        }
        assertFalse(Marginal.algebraic(5).correlationMap().isPresent());
        assertFalse(Marginal.laplace().correlationMap().isPresent());
    }

    @Test
    void parseReadsCommandLineNames() {
        assertEquals(Marginal.algebraic(7), Marginal.parse("algebraic", 7));
        for (String name : Marginal.NAMES) {
            assertEquals(name, Marginal.parse(name, 5).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Marginal.parse("cauchy", 5));
        assertEquals("unknown marginal 'cauchy'; accepted: algebraic, gaussian, uniform, laplace, binary", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(doubles = {2, 1, -3, Double.NaN, Double.POSITIVE_INFINITY})
    void algebraicRejectsKAtMostTwo(double k) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Marginal.algebraic(k));
        assertEquals("k must be a finite number > 2, got " + k, e.getMessage());
    }
}
