package io.github.dl4jlocalization.data;

import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
     * Correlations {@code <s_0 s_d>} at every distance d = 1..L/2 of exact samples at L = 40 against
     * {@code (t^d + t^(L-d)) / (1 + t^L)}. Tolerance: 5 standard errors of the position-averaged
     * estimator {@code T = mean_(n,i) s_i s_(i+d)}, whose exact variance over n independent samples
     * is {@code (1/(n L)) sum_delta (<s_0 s_d s_delta s_(delta+d)> - c_d^2)} with the exact ring
     * 4-point function ({@link #ringCorrelation}); SE about 0.0005 for n = 100,000.
     */
    @ParameterizedTest
    @CsvSource({"0.3, 71", "0.7, 72", "1.5, 73"})
    void exactSamplerMatchesEquilibriumCorrelations(double j, long seed) {
        assertCorrelationsMatch(new IsingModel(new ClassPair(j, j), 40), 100_000, seed, 40 / 2);
    }

    /**
     * Translation invariance of exact samples, which the chain along the ring (started at site 0,
     * closed by rejection at the bond (L-1, 0)) must not break: every bond {@code s_i s_(i+1)},
     * the closing bond included, has mean {@code c_1 = (t + t^(L-1)) / (1 + t^L)}. The product is
     * +-1, so the mean of n samples has variance exactly {@code (1 - c_1^2)/n} (SE 0.003 at
     * n = 100,000); each bond is tested to 5 SE. A closing-bond acceptance off by 10 % in J shifts
     * that bond by about 9 SE.
     */
    @ParameterizedTest
    @CsvSource({"0.3, 75", "0.7, 76"})
    void exactSamplerIsTranslationInvariant(double j, long seed) {
        int length = 40;
        int rows = 100_000;
        double[] s = SampleStatistics.draw(new IsingModel(new ClassPair(j, j), length), 0, rows, seed);
        double c1 = IsingModel.correlation(j, length, 1);
        double se = Math.sqrt((1 - c1 * c1) / rows);
        for (int i = 0; i < length; i++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += s[r * length + i] * s[r * length + (i + 1) % length];
            }
            assertEquals(c1, sum / rows, 5 * se, "J " + j + " bond (" + i + ", " + (i + 1) % length + ")");
        }
    }

    /**
     * Nearest-neighbour and distance-2 correlations of the reference's 50-sweep Metropolis samples
     * at L = 40 against the exact equilibrium values (docs/science.md 2.7), with the tolerance of
     * {@link #exactSamplerMatchesEquilibriumCorrelations} for n = 20,000 chains (SE about 0.001). A
     * residual bias of the finite chains (not equilibrated) would show up beyond it.
     */
    @ParameterizedTest
    @CsvSource({"0.3, 61", "0.7, 62"})
    void metropolisSamplesMatchEquilibrium(double j, long seed) {
        IsingModel model = new IsingModel(new ClassPair(j, j), 40, IsingModel.Sampler.METROPOLIS,
                IsingModel.DEFAULT_SWEEPS, Support.SYMMETRIC);
        assertCorrelationsMatch(model, 20_000, seed, 2);
    }

    private static void assertCorrelationsMatch(IsingModel model, int rows, long seed, int maxDistance) {
        int length = model.dimension();
        double j = model.couplings().label0();
        double t = Math.tanh(j);
        StationaryCovariance exact = model.covariance(0).orElseThrow();
        double[] s = SampleStatistics.draw(model, 0, rows, seed);
        for (double v : s) {
            assertEquals(1, Math.abs(v));
        }
        for (int d = 1; d <= maxDistance; d++) {
            double c = exact.get(d, 0);
            assertEquals(IsingModel.correlation(j, length, d), c, 1e-15);
            double variance = 0;
            for (int delta = 0; delta < length; delta++) {
                variance += ringCorrelation(t, length, 0, d, delta, (delta + d) % length) - c * c;
            }
            double se = Math.sqrt(variance / length / rows);
            assertEquals(c, SampleStatistics.lagCovariance(s, exact, d, 0), 5 * se, "J " + j + " d " + d);
        }
    }

    /**
     * The number of domain walls k (unequal neighbour pairs, closing bond included) of exact
     * samples against its exact law {@code P(k) = C(L, k) e^(-2Jk) / sum_(m even) C(L, m) e^(-2Jm)}
     * for even k (odd k is impossible on a ring): a chi-squared test over the cells with at least
     * 5 expected counts (the rest pooled into one cell), rejected only beyond the chi-squared
     * quantile 1 - 1e-6, so a correct sampler fails once in a million seeds. The closing bond's
     * acceptance step is what makes the law hold; without it the law of k is binomial.
     */
    @ParameterizedTest
    @CsvSource({"0.3, 81", "0.7, 82"})
    void exactSamplerMatchesTheDomainWallLaw(double j, long seed) {
        int length = 40;
        int rows = 100_000;
        double[] s = SampleStatistics.draw(new IsingModel(new ClassPair(j, j), length), 0, rows, seed);
        long[] observed = new long[length + 1];
        for (int r = 0; r < rows; r++) {
            int walls = 0;
            for (int i = 0; i < length; i++) {
                walls += s[r * length + i] != s[r * length + (i + 1) % length] ? 1 : 0;
            }
            observed[walls]++;
        }
        double[] weight = new double[length + 1];
        double total = 0;
        for (int k = 0; k <= length; k += 2) {
            weight[k] = Math.exp(CombinatoricsUtils.binomialCoefficientLog(length, k) - 2 * j * k);
            total += weight[k];
        }
        double chi2 = 0;
        int cells = 0;
        double pooledExpected = 0;
        long pooledObserved = 0;
        for (int k = 0; k <= length; k++) {
            double expected = rows * weight[k] / total;
            if (k % 2 == 1) {
                assertEquals(0, observed[k], "odd number of walls " + k);
            } else if (expected >= 5) {
                chi2 += (observed[k] - expected) * (observed[k] - expected) / expected;
                cells++;
            } else {
                pooledExpected += expected;
                pooledObserved += observed[k];
            }
        }
        if (pooledExpected > 0) {
            chi2 += (pooledObserved - pooledExpected) * (pooledObserved - pooledExpected) / pooledExpected;
            cells++;
        }
        double critical = new ChiSquaredDistribution(cells - 1).inverseCumulativeProbability(1 - 1e-6);
        assertTrue(chi2 < critical, "J " + j + ": chi2 " + chi2 + " on " + (cells - 1) + " dof, critical " + critical);
    }

    /**
     * Exact samples have mean 0 at every site and labels of a batch are balanced: the mean spin
     * over n samples and L sites has variance {@code (1/(n L)) sum_d c(d)} (the ring's correlations
     * summed over all distances), the fraction of label-1 rows among N labels variance
     * {@code 1/(4N)}; each is tested to 5 standard errors.
     */
    @Test
    void exactSamplesAreSymmetricAndLabelsBalanced() {
        int length = 40;
        IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), length);
        int size = 50_000;
        LabelledBatch batch = new BatchSampler(model, 91).sample(0, size);
        int ones = 0;
        for (int label : batch.labels()) {
            ones += label;
        }
        assertEquals(0.5, ones / (double) size, 5 * Math.sqrt(0.25 / size), "label balance");
        for (int label = 0; label < 2; label++) {
            double j = model.couplings().of(label);
            double sum = 0;
            int rows = 0;
            for (int n = 0; n < size; n++) {
                if (batch.labels()[n] == label) {
                    rows++;
                    for (int i = 0; i < length; i++) {
                        sum += batch.features()[n * length + i];
                    }
                }
            }
            double susceptibility = 0;
            for (int d = 0; d < length; d++) {
                susceptibility += IsingModel.correlation(j, length, d);
            }
            double se = Math.sqrt(susceptibility / length / rows);
            assertEquals(0, sum / ((double) rows * length), 5 * se, "mean spin of class " + label);
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
        assertEquals(IsingModel.Sampler.EXACT, model.sampler());
        assertEquals(IsingModel.Sampler.METROPOLIS, IsingModel.Sampler.parse("metropolis"));
        assertEquals("Ising(J=" + model.couplings() + ", L=40, sampler=exact, support=" + Support.SYMMETRIC + ")",
                model.description());
        assertEquals(40, model.dimension());
    }

    /** Support (0, 1) gives 0/1 spins and a covariance scaled by 1/4. */
    @Test
    void unitSupportGivesZeroOneValues() {
        for (IsingModel.Sampler sampler : IsingModel.Sampler.values()) {
            IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), 10, sampler, 5, Support.UNIT);
            for (double v : SampleStatistics.draw(model, 1, 100, 67)) {
                assertEquals(0, v * (1 - v));
            }
        }
        IsingModel model = new IsingModel(new ClassPair(0.3, 0.7), 10, IsingModel.Sampler.EXACT, 5, Support.UNIT);
        assertEquals(0.25 * IsingModel.correlation(0.7, 10, 1), model.covariance(1).orElseThrow().get(1, 0), 1e-16);
    }
}
