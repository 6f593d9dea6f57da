package io.github.dl4jlocalization.data;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streams are reproducible and their ziggurat Gaussian is exactly N(0, 1). */
class RandomStreamsTest {
    private static final int DRAWS = 1 << 22;
    /** Right edge of the ziggurat's base strip (Marsaglia &amp; Tsang's r for 256 layers). */
    private static final double R = 3.6541528853610088;
    /**
     * 0.999 quantile of the Kolmogorov distribution: P(sqrt(n) D_n > 1.9495) = 0.001 for the
     * Kolmogorov-Smirnov distance D_n of n draws from the hypothesised continuous law.
     */
    private static final double KS_999 = 1.9495;

    private static final double[] SAMPLE = draw(RandomStreams.of(2024, 7), DRAWS);

    /**
     * Moments with tolerances of 5 standard errors of the sample mean of {@code x^m}:
     * {@code sqrt(Var(x^m)/n)} with {@code Var(x) = 1}, {@code Var(x^2) = 2}, {@code Var(x^3) = 15},
     * {@code Var(x^4) = 105 - 9 = 96}.
     */
    @Test
    void momentsAreStandardNormal() {
        double[] sums = new double[5];
        for (double x : SAMPLE) {
            double p = 1;
            for (int m = 1; m <= 4; m++) {
                p *= x;
                sums[m] += p;
            }
        }
        double[] exact = {0, 0, 1, 0, 3};
        double[] variance = {0, 1, 2, 15, 96};
        for (int m = 1; m <= 4; m++) {
            assertEquals(exact[m], sums[m] / DRAWS, 5 * Math.sqrt(variance[m] / DRAWS), "E[x^" + m + "]");
        }
    }

    /** Kolmogorov-Smirnov distance to Phi below its 0.999 quantile {@code 1.9495/sqrt(n)}. */
    @Test
    void distributionIsStandardNormal() {
        double[] sorted = SAMPLE.clone();
        Arrays.sort(sorted);
        NormalDistribution phi = new NormalDistribution(0, 1);
        assertTrue(ksDistance(sorted, phi::cumulativeProbability) < KS_999 / Math.sqrt(sorted.length));
    }

    /**
     * The tail beyond the base strip, drawn by a separate algorithm: its frequency
     * {@code P(|x| > r) = erfc(r/sqrt 2)} within 5 binomial standard errors, and the conditional
     * law {@code P(|x| <= t | |x| > r) = 1 - erfc(t/sqrt 2)/erfc(r/sqrt 2)} by Kolmogorov-Smirnov.
     */
    @Test
    void tailBeyondTheBaseStripIsNormal() {
        double[] tail = Arrays.stream(SAMPLE).map(Math::abs).filter(a -> a > R).sorted().toArray();
        double p = Erf.erfc(R / Math.sqrt(2));
        assertEquals(p * DRAWS, tail.length, 5 * Math.sqrt(DRAWS * p * (1 - p)));
        assertTrue(ksDistance(tail, t -> 1 - Erf.erfc(t / Math.sqrt(2)) / p) < KS_999 / Math.sqrt(tail.length));
    }

    @Test
    void streamsArePureFunctionsOfTheirKeys() {
        assertArrayEquals(draw(RandomStreams.of(1, 2), 1000), draw(RandomStreams.of(1, 2), 1000));
        assertArrayEquals(draw(RandomStreams.of(1, 2, 3), 1000), draw(RandomStreams.of(1, 2, 3), 1000));
        double[] base = draw(RandomStreams.of(1, 2), 1000);
        assertFalse(Arrays.equals(base, draw(RandomStreams.of(1, 3), 1000)), "next counter");
        assertFalse(Arrays.equals(base, draw(RandomStreams.of(2, 2), 1000)), "next seed");
        assertFalse(Arrays.equals(base, draw(RandomStreams.of(1, 2, 0), 1000)), "sub-stream");
    }

    private static double[] draw(RandomGenerator random, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        return x;
    }

    /** {@code sup_t |F_n(t) - F(t)|} for sorted draws. */
    private static double ksDistance(double[] sorted, java.util.function.DoubleUnaryOperator cdf) {
        int n = sorted.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(sorted[i]);
            d = Math.max(d, Math.max(f - (double) i / n, (double) (i + 1) / n - f));
        }
        return d;
    }
}
