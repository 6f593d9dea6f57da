package io.github.dl4jlocalization.nn;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncatedGlorotTest {

    /**
     * E[Z^n] of a standard normal truncated to [-a, a], n even: m_0 = 1,
     * m_n = (n-1) m_{n-2} - 2 a^{n-1} phi(a) / (2 Phi(a) - 1) (integration by parts).
     */
    static double truncatedMoment(int n, double a) {
        NormalDistribution normal = new NormalDistribution();
        double mass = 2 * normal.cumulativeProbability(a) - 1;
        double tail = 2 * normal.density(a) / mass;
        double m = 1;
        for (int j = 2; j <= n; j += 2) {
            m = (j - 1) * m - Math.pow(a, j - 1) * tail;
        }
        return m;
    }

    @Test
    void constantIsTheStdOfTheTruncatedNormal() {
        assertEquals(TruncatedGlorot.TRUNCATED_STD, Math.sqrt(truncatedMoment(2, 2)), 1e-15);
    }

    @Test
    void varianceAndStdFollowTheGlorotFormula() {
        assertEquals(0.01 * 2 / 7.0, TruncatedGlorot.variance(0.01, 5, 2), 1e-18);
        assertEquals(Math.sqrt(0.01 * 2 / 7.0) / 0.87962566103423978, TruncatedGlorot.std(0.01, 2, 5), 1e-16);
    }

    @Test
    void samplesHaveTheTruncatedNormalLaw() {
        int n = 200_000;
        double scale = 0.3;
        double std = TruncatedGlorot.std(scale, 3, 7);
        double variance = TruncatedGlorot.variance(scale, 3, 7);
        double[] w = TruncatedGlorot.sample(scale, 3, 7, n, new SplittableRandom(5));
        double s1 = 0;
        double s2 = 0;
        double s4 = 0;
        double max = 0;
        for (double x : w) {
            s1 += x;
            s2 += x * x;
            s4 += x * x * x * x;
            max = Math.max(max, Math.abs(x));
        }
        assertTrue(max <= 2 * std, "all draws within 2 std of the untruncated normal");
        assertTrue(max > 1.99 * std, "draws reach the truncation point (P(|x| > 1.99 std) ~ 3e-3 per draw)");
        // moments of W = std * Z: E W^n = std^n m_n. Each check allows 5 standard errors of the
        // sample mean of W^n, whose variance is (E W^{2n} - (E W^n)^2) / n.
        double m2 = truncatedMoment(2, 2);
        double m4 = truncatedMoment(4, 2);
        double m8 = truncatedMoment(8, 2);
        assertEquals(0, s1 / n, 5 * Math.sqrt(variance / n), "mean");
        assertEquals(variance, s2 / n, 5 * Math.sqrt(Math.pow(std, 4) * (m4 - m2 * m2) / n), "variance");
        assertEquals(Math.pow(std, 4) * m4, s4 / n, 5 * Math.sqrt(Math.pow(std, 8) * (m8 - m4 * m4) / n),
                "fourth moment (tells truncated from untruncated: m4 = " + m4 + " vs 3 m2^2 = " + 3 * m2 * m2 + ")");
    }

    @Test
    void badArgumentsNameTheParameter() {
        SplittableRandom r = new SplittableRandom(1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedGlorot.sample(0, 1, 1, 1, r))
                .getMessage().startsWith("initScale must be a finite number > 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedGlorot.variance(1, 0, 1))
                .getMessage().startsWith("fanIn must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TruncatedGlorot.sample(1, 1, 1, -1, r))
                .getMessage().startsWith("count must be"));
    }
}
