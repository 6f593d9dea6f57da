package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.Quadrature;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NlgpModelTest {

    /** docs/science.md 2.4 table of covariance entries; 5 decimals, so rounding error <= 5e-6. */
    @ParameterizedTest
    @CsvSource({
        "1, 3, 0.28595, 0.01394",
        "1, 100, 0.24136, 0.01173",
        "3, 3, 0.81268, 0.52440",
        "3, 100, 0.70988, 0.44592"})
    void exactCovarianceMatchesTable(double xi, double gain, double d1, double d2) {
        StationaryCovariance c = new NlgpModel(gain, new ClassPair(xi, xi), 40).covariance(0).orElseThrow();
        assertEquals(1, c.variance(), 1e-14);
        assertEquals(d1, c.get(1, 0), 5e-6);
        assertEquals(d2, c.get(2, 0), 5e-6);
        assertEquals(d1, c.get(0, 39), 5e-6, "periodic");
    }

    /** docs/science.md 2.4 table of Z(g) (6 decimals) and excess kurtosis (3-4 decimals). */
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.111730, -0.076, 5e-4",
        "1.0, 0.681586, -1.440, 5e-4",
        "3.0, 0.890245, -1.834, 5e-4",
        "10, 0.967714, -1.954, 5e-4",
        "100, 0.996812, -1.9955, 5e-5"})
    void normalizerAndKurtosisMatchTable(double gain, double z, double excess, double rounding) {
        assertEquals(z, NlgpModel.normalizer(gain), 5e-7);
        assertEquals(excess, NlgpModel.excessKurtosis(gain), rounding);
    }

    /** The tabulated erf(g z)/Z(g) against the exact function, over the tabulated range and beyond. */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 3, 100})
    void tabulatedTransformIsAccurate(double gain) {
        double z0 = NlgpModel.normalizer(gain);
        TransformAccuracy.assertAccurate(NlgpModel.marginalTransform(gain), z -> Erf.erf(gain * z) / z0,
                Math.min(12, 8 / gain), "NLGP g=" + gain);
    }

    /**
     * Sample covariance of NLGP(3), xi = 1 against the exact entries (and so against the table).
     * Tolerance: 5 standard errors. The position average of {@code Y_p = x_p x_(p+d)} has at most
     * the variance of one term, {@code E[x_p^2 x_(p+d)^2] - c^2 <= E[x^4] - c^2} (Cauchy-Schwarz);
     * E[x^4] = 3 + excess kurtosis. With n = 50,000 rows 5 SE = 0.024, less than the gaps to the
     * Gaussian (0.368) and g = 100 (0.241) values.
     */
    /**
     * The gain's range ends where 2 g^2 stops being a finite double: the largest gain samples
     * finite values (every one is the sign of z over Z(g) = 1, i.e. +-1), a larger one is refused
     * naming the parameter and the range (it once sampled NaN and failed later, naming something else).
     */
    @Test
    void gainsUpToTheMaximumSampleFiniteValuesAndLargerOnesAreRefused() {
        NlgpModel largest = new NlgpModel(NlgpModel.MAX_GAIN, new ClassPair(0.3, 0.7), 8);
        double[] out = new double[8 * 50];
        largest.sample(0, 50, out, 0, new java.util.SplittableRandom(1));
        for (double v : out) {
            assertEquals(1, Math.abs(v), 1e-12, "erf(g z)/Z(g) at the largest gain");
        }
        String m = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NlgpModel(1e300, new ClassPair(0.3, 0.7), 8)).getMessage();
        assertTrue(m.startsWith("gain must be > 0 and <= 9.48") && m.endsWith("got 1.0E300"), m);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NlgpCloneModel(Math.nextUp(NlgpModel.MAX_GAIN), new ClassPair(0.3, 0.7), 8, 1,
                        Support.SYMMETRIC));
    }

    @Test
    void sampleCovarianceMatchesExact() {
        int rows = 50_000;
        NlgpModel model = new NlgpModel(3, new ClassPair(1, 3), 40);
        double fourth = 3 + NlgpModel.excessKurtosis(3);
        for (int label = 0; label < 2; label++) {
            StationaryCovariance exact = model.covariance(label).orElseThrow();
            double[] x = SampleStatistics.draw(model, label, rows, 5 + label);
            for (int d = 0; d <= 3; d++) {
                double c = exact.get(d, 0);
                double se = Math.sqrt((fourth - c * c) / rows);
                assertEquals(c, SampleStatistics.lagCovariance(x, exact, d, 0), 5 * se, "label " + label + " d " + d);
            }
        }
    }

    /**
     * Sample kurtosis against the exact one. xi = 0.1 makes C the identity to double precision
     * (C(1) = e^-100), so the n L values are independent; the estimator's variance is
     * {@link SampleStatistics#kurtosisVariance} with the moments {@code E[x^(2j)]} by quadrature.
     */
    @ParameterizedTest
    @ValueSource(doubles = {1, 3})
    void sampleKurtosisMatchesExact(double gain) {
        int rows = 5_000;
        NlgpModel model = new NlgpModel(gain, new ClassPair(0.1, 0.1), 40);
        double[] x = SampleStatistics.draw(model, 1, rows, 17);
        double m4 = moment(gain, 4);
        assertEquals(3 + NlgpModel.excessKurtosis(gain), m4, 1e-10);
        double se = Math.sqrt(SampleStatistics.kurtosisVariance(m4, moment(gain, 6), moment(gain, 8)) / x.length);
        assertEquals(m4, SampleStatistics.kurtosis(x, 0), 5 * se);
        // unit variance: Var(x^2) = m4 - 1
        assertEquals(1, SampleStatistics.variance(x, 0), 5 * Math.sqrt((m4 - 1) / x.length));
    }

    /** {@code E[(erf(g z)/Z)^p]} for z ~ N(0,1), even p. */
    private static double moment(double gain, int p) {
        double z = NlgpModel.normalizer(gain);
        double integral = Quadrature.integrate(
                v -> Math.pow(Erf.erf(gain * v) / z, p) * Math.exp(-0.5 * v * v), 0, 12, 1e-13);
        return 2 * integral / Math.sqrt(2 * Math.PI);
    }

    /**
     * 2-D NLGP is the transform of the separable field: its exact covariance is
     * {@code f(C(dx) C(dy))} with the NLGP correlation f, and samples agree with it (tolerance as
     * in {@link #sampleCovarianceMatchesExact}).
     */
    @Test
    void twoDimensionalCovarianceIsSeparableFieldThroughNlgpCorrelation() {
        int n = 6;
        int rows = 20_000;
        double gain = 3;
        NlgpModel model = new NlgpModel(gain, new ClassPair(1.5, 1.5), n, 2, Support.SYMMETRIC);
        StationaryCovariance one = Kernels.squaredExponential(n, 1, 1.5);
        StationaryCovariance exact = model.covariance(0).orElseThrow();
        for (int dy = 0; dy < n; dy++) {
            for (int dx = 0; dx < n; dx++) {
                assertEquals(NlgpModel.correlation(gain, one.get(dy, 0) * one.get(dx, 0)),
                        exact.get(dy * n + dx, 0), 1e-15);
            }
        }
        double fourth = 3 + NlgpModel.excessKurtosis(gain);
        double[] x = SampleStatistics.draw(model, 0, rows, 23);
        for (int s : new int[] {0, 1, n, n + 1, 2 * n + 1}) {
            double c = exact.get(s, 0);
            assertEquals(c, SampleStatistics.lagCovariance(x, exact, s, 0), 5 * Math.sqrt((fourth - c * c) / rows),
                    "shift " + s);
        }
    }

    /**
     * Support (0, 1) maps every value to {@code (erf(g z)/Z + 1)/2} (which lies in
     * {@code [(1 - 1/Z)/2, (1 + 1/Z)/2]}, slightly wider than [0, 1], as in the reference) and
     * scales the covariance by 1/4.
     */
    @Test
    void unitSupportIsAffineImageOfSymmetric() {
        ClassPair xi = new ClassPair(1, 3);
        NlgpModel symmetric = new NlgpModel(3, xi, 40, 1, Support.SYMMETRIC);
        NlgpModel unit = new NlgpModel(3, xi, 40, 1, Support.UNIT);
        double[] a = SampleStatistics.draw(symmetric, 1, 100, 3);
        double[] b = SampleStatistics.draw(unit, 1, 100, 3);
        for (int i = 0; i < a.length; i++) {
            assertEquals((a[i] + 1) / 2, b[i], 1e-15);
        }
        double[] ks = symmetric.covariance(1).orElseThrow().kernel();
        double[] ku = unit.covariance(1).orElseThrow().kernel();
        for (int i = 0; i < ks.length; i++) {
            assertEquals(ks[i] / 4, ku[i], 1e-15);
        }
    }
}
