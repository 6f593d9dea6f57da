package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IsingModelTest {

    /** docs/science.md 2.7 (5 decimals). */
    @ParameterizedTest
    @CsvSource({"0.3, 0.29131, 0.08486", "0.7, 0.60437, 0.36526"})
    void exactCorrelationsMatchTable(double j, double d1, double d2) {
        StationaryCovariance c = new IsingModel(new ClassPair(j, j), 40).covariance(0).orElseThrow();
        assertEquals(1, c.variance(), 1e-15);
        assertEquals(d1, c.get(1, 0), 5e-6);
        assertEquals(d2, c.get(2, 0), 5e-6);
        assertEquals(d1, c.get(39, 0), 5e-6, "periodic");
    }

    /** The 4-point function below reduces to the 2-point formula, and to 1 for coinciding pairs. */
    @Test
    void ringCorrelationFunctionIsConsistent() {
        double t = Math.tanh(0.7);
        for (int d = 0; d < 40; d++) {
            assertEquals(IsingModel.correlation(0.7, 40, d), ringCorrelation(t, 40, 0, d), 1e-15);
            assertEquals(1, ringCorrelation(t, 40, d, 3, d, 3), 1e-15);
        }
    }

    /**
     * Nearest-neighbour and distance-2 correlations of 50-sweep Metropolis samples at L = 40
     * against the exact equilibrium values (docs/science.md 2.7). Tolerance 5 standard errors of the
     * position-averaged estimator {@code T = mean_(n,i) s_i s_(i+d)}, whose exact variance is
     * {@code (1/(n L)) sum_delta (<s_0 s_d s_delta s_(delta+d)> - c_d^2)} with the exact ring
     * 4-point function ({@link #ringCorrelation}): SE about 0.001 for n = 20,000 chains. A residual
     * bias of the finite chains (not equilibrated) would show up beyond it.
     */
    @Test
    void sampledCorrelationsMatchEquilibrium() {
        int rows = 20_000;
        int length = 40;
        IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), length);
        for (int label = 0; label < 2; label++) {
            double j = model.couplings().of(label);
            double t = Math.tanh(j);
            StationaryCovariance exact = model.covariance(label).orElseThrow();
            double[] s = SampleStatistics.draw(model, label, rows, 61 + label);
            for (double v : s) {
                assertEquals(1, Math.abs(v));
            }
            for (int d = 1; d <= 2; d++) {
                double c = exact.get(d, 0);
                double variance = 0;
                for (int delta = 0; delta < length; delta++) {
                    variance += ringCorrelation(t, length, 0, d, delta, (delta + d) % length) - c * c;
                }
                double se = Math.sqrt(variance / length / rows);
                assertEquals(c, SampleStatistics.lagCovariance(s, exact, d, 0), 5 * se, "J " + j + " d " + d);
            }
        }
    }

    /**
     * The exact equilibrium {@code <prod_k s_(site_k)>} on the ring (transfer matrix): pairs of
     * equal sites cancel ({@code s^2 = 1}); for the remaining sorted sites {@code p_1 < ... < p_m}
     * (zero if m is odd) with cyclic gaps {@code g_1 = p_2 - p_1, ..., g_m = L - p_m + p_1}, the
     * spin flips alternate the two eigenvalues of the transfer matrix along the ring:
     * {@code (t^(g_1 + g_3 + ...) + t^(g_2 + g_4 + ...)) / (1 + t^L)}, {@code t = tanh J}.
     */
    static double ringCorrelation(double t, int length, int... sites) {
        int[] sorted = sites.clone();
        Arrays.sort(sorted);
        int[] left = new int[sorted.length];
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i + 1 < sorted.length && sorted[i] == sorted[i + 1]) {
                i++;
            } else {
                left[m++] = sorted[i];
            }
        }
        if (m == 0) {
            return 1;
        }
        if (m % 2 == 1) {
            return 0;
        }
        int odd = 0;
        int even = 0;
        for (int i = 0; i < m; i++) {
            int gap = i + 1 < m ? left[i + 1] - left[i] : length - left[m - 1] + left[0];
            if (i % 2 == 0) {
                odd += gap;
            } else {
                even += gap;
            }
        }
        return (Math.pow(t, odd) + Math.pow(t, even)) / (1 + Math.pow(t, length));
    }

    @Test
    void reportsKurtosisNameAndDefaults() {
        IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), 40);
        assertEquals("ising", model.name());
        assertEquals(-2, model.marginalExcessKurtosis(0).orElseThrow());
        assertEquals(IsingModel.DEFAULT_SWEEPS, model.sweeps());
        assertEquals(40, model.dimension());
    }

    /** Support (0, 1) gives 0/1 spins and a covariance scaled by 1/4. */
    @Test
    void unitSupportGivesZeroOneValues() {
        IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), 10, 5, Support.UNIT);
        for (double v : SampleStatistics.draw(model, 1, 100, 67)) {
            assertEquals(0, v * (1 - v));
        }
        assertEquals(0.25 * IsingModel.correlation(0.7, 10, 1), model.covariance(1).orElseThrow().get(1, 0), 1e-16);
    }
}
