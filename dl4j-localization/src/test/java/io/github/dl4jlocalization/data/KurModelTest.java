package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KurModelTest {
    /** xi = 0.1 makes C_xi the identity to double precision (C(1) = e^-100): independent sites. */
    private static final ClassPair WHITE = new ClassPair(0.1, 0.1);

    private static double[] whiteSample(Marginal marginal, int values, long seed) {
        return SampleStatistics.draw(new KurModel(marginal, WHITE, 40, 1, Support.SYMMETRIC), 0, values / 40, seed);
    }

    /**
     * Sample kurtosis of Kur(10) and Kur(30) against the exact value. Their 8th moments are finite
     * (k > 8), so the estimator is asymptotically normal with the delta-method variance
     * {@link SampleStatistics#kurtosisVariance} (exact moments {@code E|y|^m/s_k^m}); n = 200,000
     * independent values, tolerance 5 SE (k = 10: 0.033, less than the 0.24 between the two k).
     */
    @ParameterizedTest
    @ValueSource(doubles = {10, 30})
    void sampleKurtosisMatchesExact(double k) {
        Marginal.Algebraic m = Marginal.algebraic(k);
        double s = m.standardDeviation();
        double m4 = m.absoluteMoment(4) / Math.pow(s, 4);
        double m6 = m.absoluteMoment(6) / Math.pow(s, 6);
        double m8 = m.absoluteMoment(8) / Math.pow(s, 8);
        assertEquals(3 + m.excessKurtosis(), m4, 1e-12);
        double[] x = whiteSample(m, 200_000, 41);
        double se = Math.sqrt(SampleStatistics.kurtosisVariance(m4, m6, m8) / x.length);
        assertEquals(m4, SampleStatistics.kurtosis(x, 0), 5 * se);
        assertEquals(1, SampleStatistics.variance(x, 0), 5 * Math.sqrt((m4 - 1) / x.length));
    }

    /**
     * Kur(6.1) has an infinite 8th moment, so its sample kurtosis has no CLT; test the marginal
     * law itself: the Kolmogorov-Smirnov distance to the exact CDF
     * {@code F(x) = (1 + y/(1+|y|^k)^(1/k))/2}, {@code y = x s_k}, over n = 100,000 independent
     * values. Under the null {@code P(sqrt(n) D > t) <= 2 exp(-2 t^2)} (Dvoretzky-Kiefer-Wolfowitz,
     * Massart's constant); t = 2.69 gives a false-failure probability below 1e-6. The variance
     * (4th moment finite for k > 4) is checked as in the light-tailed case.
     */
    @Test
    void kur61MarginalMatchesExactDistribution() {
        double k = 6.1;
        Marginal.Algebraic m = Marginal.algebraic(k);
        double s = m.standardDeviation();
        double[] x = whiteSample(m, 100_000, 43);
        double[] sorted = x.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double distance = 0;
        for (int i = 0; i < n; i++) {
            double y = sorted[i] * s;
            double f = 0.5 * (1 + y / Math.pow(1 + Math.pow(Math.abs(y), k), 1 / k));
            distance = Math.max(distance, Math.max(f - (double) i / n, (i + 1.0) / n - f));
        }
        assertTrue(distance < 2.69 / Math.sqrt(n), "KS distance " + distance);
        double m4 = 3 + m.excessKurtosis();
        assertEquals(1, SampleStatistics.variance(x, 0), 5 * Math.sqrt((m4 - 1) / n));
    }

    /**
     * Sample kurtosis of the other marginals (moments m4, m6, m8 of the unit-variance laws:
     * gaussian 3, 15, 105; uniform 9/5, 27/7, 9; Laplace {@code m! / sqrt(2)^m}: 6, 90, 2520),
     * tolerance 5 SE from {@link SampleStatistics#kurtosisVariance}; binary values are exactly +-1.
     */
    @Test
    void otherMarginalsHaveExactSampleKurtosis() {
        double[][] cases = {{3, 15, 105}, {1.8, 27.0 / 7, 9}, {6, 90, 2520}};
        Marginal[] marginals = {Marginal.gaussian(), Marginal.uniform(), Marginal.laplace()};
        for (int i = 0; i < cases.length; i++) {
            double[] m = cases[i];
            assertEquals(m[0], 3 + marginals[i].excessKurtosis(), 1e-15);
            double[] x = whiteSample(marginals[i], 200_000, 47 + i);
            double se = Math.sqrt(SampleStatistics.kurtosisVariance(m[0], m[1], m[2]) / x.length);
            assertEquals(m[0], SampleStatistics.kurtosis(x, 0), 5 * se, marginals[i].toString());
            assertEquals(1, SampleStatistics.variance(x, 0), 5 * Math.sqrt((m[0] - 1) / x.length),
                    marginals[i] + " variance");
        }
        for (double v : whiteSample(Marginal.binary(), 4_000, 53)) {
            assertEquals(1, Math.abs(v));
        }
    }

    /**
     * Exact copula covariances (gaussian C, binary (2/pi) arcsin C, uniform (6/pi) arcsin(C/2))
     * against samples at xi = 3, where they differ most. Standard errors: gaussian exact
     * (Isserlis, {@link SampleStatistics#lagCovarianceVariance}); binary and uniform bounded by
     * the variance of one term, {@code E[x_p^2 x_q^2] - c^2 <= E[x^4] - c^2} (binary: exactly
     * {@code 1 - c^2}). Tolerance 5 SE.
     */
    @Test
    void closedFormCovariancesMatchSamples() {
        int rows = 20_000;
        ClassPair xi = new ClassPair(3, 3);
        StationaryCovariance gaussianField = Kernels.squaredExponential(40, 1, 3);
        Marginal[] marginals = {Marginal.gaussian(), Marginal.binary(), Marginal.uniform()};
        for (int i = 0; i < marginals.length; i++) {
            KurModel model = new KurModel(marginals[i], xi, 40, 1, Support.SYMMETRIC);
            StationaryCovariance exact = model.covariance(0).orElseThrow();
            double[] x = SampleStatistics.draw(model, 0, rows, 59 + i);
            for (int d = 0; d <= 3; d++) {
                double c = exact.get(d, 0);
                assertEquals(marginals[i].correlationMap().orElseThrow().applyAsDouble(gaussianField.get(d, 0)), c, 1e-15);
                double perRow = i == 0 ? SampleStatistics.lagCovarianceVariance(exact, d, 3)
                        : 3 + marginals[i].excessKurtosis() - c * c;
                assertEquals(c, SampleStatistics.lagCovariance(x, exact, d, 0), 5 * Math.sqrt(perRow / rows),
                        marginals[i] + " d " + d);
            }
        }
    }

    @Test
    void covarianceUnknownForAlgebraicAndLaplace() {
        assertFalse(new KurModel(5, DataModelConfig.DEFAULT_XI, 40).covariance(0).isPresent());
        assertFalse(new KurModel(Marginal.laplace(), DataModelConfig.DEFAULT_XI, 40, 1, Support.SYMMETRIC)
                .covariance(1).isPresent());
    }

    @Test
    void reportsMarginalKurtosisAndName() {
        KurModel kur5 = new KurModel(5, DataModelConfig.DEFAULT_XI, 40);
        assertEquals("kur", kur5.name());
        assertEquals(Marginal.algebraic(5).excessKurtosis(), kur5.marginalExcessKurtosis(1).orElseThrow());
        assertEquals(Double.POSITIVE_INFINITY, new KurModel(4, DataModelConfig.DEFAULT_XI, 40)
                .marginalExcessKurtosis(0).orElseThrow());
        assertTrue(kur5.description().contains("algebraic(k=5.0)"), kur5.description());
        assertEquals(1600, new KurModel(Marginal.binary(), DataModelConfig.DEFAULT_XI, 40, 2, Support.SYMMETRIC)
                .dimension());
    }
}
