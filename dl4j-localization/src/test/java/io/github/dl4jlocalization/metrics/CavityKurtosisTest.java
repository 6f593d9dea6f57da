package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CavityKurtosisTest {

    /**
     * On the full factorial design X = all 2^D vectors of signs (+-1), the empirical distribution
     * of the rows is exactly that of D independent Rademacher variables, so sample moments are
     * population moments. Cumulants of independent variables add: for h = sum_i w_i x_i,
     * var h = sum w_i^2 and the fourth cumulant is sum w_i^4 * (-2), so
     * kappa(h) = -2 sum w^4 / (sum w^2)^2 exactly, and each cavity follows by dropping one term.
     */
    @Test
    void matchesTheExactCumulantFormulaForIndependentSigns() {
        int d = 5;
        double[][] x = new double[1 << d][d];
        for (int row = 0; row < x.length; row++) {
            for (int i = 0; i < d; i++) {
                x[row][i] = ((row >> i) & 1) == 0 ? -1 : 1;
            }
        }
        double[][] w = {{1, 0.2, -0.2, 0.2, 0}, {0.5, -0.7, 0.3, 1.1, -0.4}};
        CavityKurtosis cavity = CavityKurtosis.of(x, w);
        for (int k = 0; k < w.length; k++) {
            double full = rademacherKurtosis(w[k], -1);
            assertEquals(full, cavity.kurtosis()[k], 1e-13);
            for (int j = 0; j < d; j++) {
                double expected = w[k][j] == 0 ? 0 : rademacherKurtosis(w[k], j) - full;
                assertEquals(expected, cavity.delta()[k][j], 1e-13, "k=" + k + " j=" + j);
            }
        }
        // a dominant weight with small companions: removing a small one sharpens the negative
        // kurtosis (delta < 0), removing the dominant one makes h far more Gaussian (delta > 0)
        assertTrue(cavity.delta()[0][1] < 0 && cavity.delta()[0][0] > 0.9);
        assertEquals(0, cavity.delta()[0][4], 0);
    }

    /** -2 sum_{i != skip} w^4 / (sum_{i != skip} w^2)^2. */
    private static double rademacherKurtosis(double[] w, int skip) {
        double s2 = 0;
        double s4 = 0;
        for (int i = 0; i < w.length; i++) {
            if (i != skip) {
                s2 += w[i] * w[i];
                s4 += w[i] * w[i] * w[i] * w[i];
            }
        }
        return -2 * s4 / (s2 * s2);
    }

    @Test
    void equalsRecomputingEachCavityFromScratch() {
        SplittableRandom random = new SplittableRandom(6);
        int n = 300;
        int d = 8;
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                row[i] = Math.tanh(3 * random.nextGaussian());
            }
        }
        double[][] w = new double[3][d];
        for (double[] field : w) {
            for (int i = 0; i < d; i++) {
                field[i] = random.nextDouble() < 0.3 ? 0 : random.nextGaussian();
            }
        }
        CavityKurtosis cavity = CavityKurtosis.of(x, w);
        for (int k = 0; k < w.length; k++) {
            double full = ExcessKurtosis.CENTRAL.of(preActivation(x, w[k], -1));
            assertEquals(full, cavity.kurtosis()[k], 1e-12);
            for (int j = 0; j < d; j++) {
                double expected = w[k][j] == 0 ? 0 : ExcessKurtosis.CENTRAL.of(preActivation(x, w[k], j)) - full;
                assertEquals(expected, cavity.delta()[k][j], 1e-10, "k=" + k + " j=" + j);
            }
        }
    }

    private static double[] preActivation(double[][] x, double[] w, int skip) {
        double[] h = new double[x.length];
        for (int s = 0; s < x.length; s++) {
            for (int i = 0; i < w.length; i++) {
                if (i != skip) {
                    h[s] += w[i] * x[s][i];
                }
            }
        }
        return h;
    }

    @Test
    void meanDeltaAveragesTheSelectedFiniteEntries() {
        CavityKurtosis c = new CavityKurtosis(new double[] {0, 0},
                new double[][] {{1, 2, Double.NaN}, {4, 8, 16}});
        assertEquals((1 + 16) / 2.0, c.meanDelta(new boolean[][] {{true, false, true}, {false, false, true}}), 0);
        assertTrue(Double.isNaN(c.meanDelta(new boolean[][] {{false, false, true}, {false, false, false}})));
        assertEquals(2, c.units());
        assertThrows(IllegalArgumentException.class, () -> c.meanDelta(new boolean[][] {{true}}));
    }

    @Test
    void aUnitWithOneWeightHasUndefinedCavities() {
        double[][] x = {{1, 2}, {-1, 0.5}, {3, -2}};
        CavityKurtosis c = CavityKurtosis.of(x, new double[][] {{0, 2}});
        assertTrue(Double.isNaN(c.delta()[0][1]));
        assertEquals(0, c.delta()[0][0], 0);
        assertArrayEquals(new double[] {ExcessKurtosis.CENTRAL.of(new double[] {4, 1, -4})}, c.kurtosis(), 1e-14);
        assertEquals("samples[1].length must be D = 2, got 1", assertThrows(IllegalArgumentException.class,
                () -> CavityKurtosis.of(new double[][] {{1, 2}, {1}}, new double[][] {{1, 1}})).getMessage());
    }
}
