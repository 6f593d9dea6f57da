package io.github.dl4jlocalization.math;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomVariatesTest {

    /**
     * Gamma(a, 1) draws against the exact law: Kolmogorov-Smirnov distance to the exact CDF over
     * n = 100,000 draws below 2.69/sqrt(n) (DKW with Massart's constant: false-failure probability
     * below 1e-6); mean a within 5 SE = 5 sqrt(a/n); variance a within 5 SE, the sample
     * variance's variance being {@code (mu_4 - a^2)/n = (2a^2 + 6a)/n} (central fourth moment
     * {@code 3a^2 + 6a}).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.3, 1, 1.5, 2.5, 10})
    void gammaMatchesExactDistribution(double shape) {
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(71);
        double[] x = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            x[i] = RandomVariates.gamma(shape, random);
            mean += x[i];
        }
        mean /= n;
        double variance = 0;
        for (double v : x) {
            variance += (v - shape) * (v - shape);
        }
        variance /= n;
        assertEquals(shape, mean, 5 * Math.sqrt(shape / n), "mean");
        assertEquals(shape, variance, 5 * Math.sqrt((2 * shape * shape + 6 * shape) / n), "variance");
        Arrays.sort(x);
        GammaDistribution exact = new GammaDistribution(null, shape, 1);
        double distance = 0;
        for (int i = 0; i < n; i++) {
            double f = exact.cumulativeProbability(x[i]);
            distance = Math.max(distance, Math.max(f - (double) i / n, (i + 1.0) / n - f));
        }
        assertTrue(distance < 2.69 / Math.sqrt(n), "KS distance " + distance);
    }

    /** chi^2_df has mean df and variance 2 df: mean within 5 SE = 5 sqrt(2 df / n). */
    @Test
    void chiSquaredHasMeanDf() {
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(73);
        for (double df : new double[] {3, 5}) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += RandomVariates.chiSquared(df, random);
            }
            assertEquals(df, mean / n, 5 * Math.sqrt(2 * df / n));
        }
    }

    @Test
    void rejectsNonPositiveShape() {
        SplittableRandom random = new SplittableRandom(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RandomVariates.gamma(0, random));
        assertEquals("gamma shape must be a finite number > 0, got 0.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomVariates.chiSquared(Double.NaN, random));
    }
}
