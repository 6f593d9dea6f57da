package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples of {@link PeriodicGaussianField} have exactly the covariance of their kernel, for
 * rings and tori of odd and even sides (the symmetric synthesis has different index patterns for
 * odd L, L = 2 mod 4 and L = 0 mod 4), and are a pure function of the random stream.
 */
class GaussianFieldSamplingTest {
    private static final int ROWS = 20_000;

    /**
     * Every entry of the sample covariance (known zero mean) agrees with C. For a Gaussian pair
     * the estimator {@code mean_n x_i x_j} is unbiased with variance
     * {@code (C_ii C_jj + C_ij^2) / n} (Isserlis); the tolerance is 5 standard errors per entry
     * (false alarm probability 6e-7 per entry, below 1e-3 over the at most 1600 entries).
     */
    @ParameterizedTest(name = "L={0} dim={1} xi={2}")
    @CsvSource({"2,1,1.3", "3,1,1.3", "7,1,1.3", "30,1,3", "40,1,0.7", "40,1,3", "41,1,1.5",
        "2,2,1.3", "5,2,1.3", "6,2,1.5"})
    void covarianceMatchesKernelEntryByEntry(int length, int dims, double xi) {
        StationaryCovariance c = Kernels.squaredExponential(length, dims, xi);
        int d = c.dimension();
        double[] x = draw(new PeriodicGaussianField(c), ROWS, 17);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                for (int r = 0; r < ROWS; r++) {
                    sum += x[r * d + i] * x[r * d + j];
                }
                double exact = c.get(i, j);
                double se = Math.sqrt((c.get(i, i) * c.get(j, j) + exact * exact) / ROWS);
                assertEquals(exact, sum / ROWS, 5 * se, "C(" + i + "," + j + ")");
            }
        }
    }

    /**
     * The position-averaged lag covariance {@code T_k = mean_(n,p) x_p x_(p+k)} (per-axis
     * displacement k) is far more precise than single entries and catches small systematic
     * errors (e.g. a scale off by 1%). By Isserlis and stationarity its variance is
     * {@code (1/(n D)) sum_m [C(m)^2 + C(m+k) C(m-k)]}; tolerance 5 standard errors. Every lag
     * for D &lt;= 64, else near lags, the half-way lag and a wrapped one.
     */
    @ParameterizedTest(name = "L={0} dim={1} xi={2}")
    @CsvSource({"7,1,1.3", "30,1,3", "40,1,0.7", "41,1,1.5", "5,2,1.3", "6,2,1.5", "30,2,0.7"})
    void lagCovariancesMatchKernel(int length, int dims, double xi) {
        StationaryCovariance c = Kernels.squaredExponential(length, dims, xi);
        int d = c.dimension();
        int rows = dims == 1 ? ROWS : 2_000;
        double[] x = draw(new PeriodicGaussianField(c), rows, 23);
        int[] lags = d <= 64 ? IntStream.range(0, d).toArray()
                : new int[] {0, 1, length, length + 1, 2 * length + 3, d / 2 + length / 2, (length - 1) * length + 1};
        for (int k : lags) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                for (int p = 0; p < d; p++) {
                    sum += x[r * d + p] * x[r * d + displaced(c, p, k, 1)];
                }
            }
            double variance = 0;
            for (int m = 0; m < d; m++) {
                double cm = c.get(0, m);
                variance += cm * cm + c.get(0, displaced(c, m, k, 1)) * c.get(0, displaced(c, m, k, -1));
            }
            double se = Math.sqrt(variance / ((double) rows * d));
            assertEquals(c.get(0, k), sum / ((double) rows * d), 5 * se, "lag " + k);
        }
    }

    /**
     * The reported noise norms are those of the white noise behind each sample: with every
     * eigenvalue positive, {@code eps = diag(lambda)^(-1/2) R^T z} (in 2-D
     * {@code E = (R^T Z R) ./ sqrt(Lambda)}) recovers it from the sample.
     */
    @ParameterizedTest(name = "L={0} dim={1}")
    @CsvSource({"8,1", "9,1", "6,2", "5,2"})
    void noiseNormsAreThoseOfTheSamplesWhiteNoise(int length, int dims) {
        PeriodicGaussianField field = new PeriodicGaussianField(Kernels.squaredExponential(length, dims, 1));
        double[] lambda = field.eigenvalues();
        double[][] r = PeriodicGaussianField.realFourierBasis(length);
        int d = field.dimension();
        int rows = 300;
        double[] x = new double[rows * d];
        double[] norms = new double[rows];
        field.sample(rows, x, 0, RandomStreams.of(5, 6), norms);
        for (int s = 0; s < rows; s++) {
            double squares = 0;
            for (int a = 0; a < (dims == 1 ? 1 : length); a++) {
                for (int b = 0; b < length; b++) {
                    double coefficient = 0;
                    if (dims == 1) {
                        for (int i = 0; i < length; i++) {
                            coefficient += r[i][b] * x[s * d + i];
                        }
                    } else {
                        for (int i1 = 0; i1 < length; i1++) {
                            for (int i2 = 0; i2 < length; i2++) {
                                coefficient += r[i1][a] * x[s * d + i1 * length + i2] * r[i2][b];
                            }
                        }
                    }
                    double e = coefficient / Math.sqrt(lambda[a * length + b]);
                    squares += e * e;
                }
            }
            assertEquals(Math.sqrt(squares), norms[s], 1e-9 * norms[s], "sample " + s);
        }
    }

    /** Same stream, same samples: on another thread, after other shapes, and at any row offset. */
    @Test
    void samplesArePureFunctionsOfTheStream() throws Exception {
        PeriodicGaussianField ring = new PeriodicGaussianField(Kernels.squaredExponential(40, 1, 0.7));
        PeriodicGaussianField torus = new PeriodicGaussianField(Kernels.squaredExponential(6, 2, 1.5));
        double[] first = draw(ring, 700, 3);
        double[] other = CompletableFuture.supplyAsync(() -> draw(ring, 700, 3)).get();
        assertArrayEquals(first, other, "another thread");
        draw(torus, 50, 3);
        assertArrayEquals(first, draw(ring, 700, 3), "after sampling another shape on this thread");
        double[] shifted = new double[703 * 40];
        ring.sample(700, shifted, 3, RandomStreams.of(3, 0));
        for (int i = 0; i < 3 * 40; i++) {
            assertEquals(0, shifted[i], "rows before the offset untouched");
        }
        assertArrayEquals(first, Arrays.copyOfRange(shifted, 3 * 40, shifted.length), "offset rows");
        assertTrue(!Arrays.equals(first, draw(ring, 700, 4)), "another stream differs");
    }

    @Test
    void rejectsNegativeCount() {
        PeriodicGaussianField ring = new PeriodicGaussianField(Kernels.squaredExponential(4, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ring.sample(-1, new double[4], 0, RandomStreams.of(1, 1)));
        assertTrue(e.getMessage().contains("count"), e.getMessage());
        ring.sample(0, new double[0], 0, RandomStreams.of(1, 1));
    }

    private static double[] draw(PeriodicGaussianField field, int rows, long seed) {
        double[] x = new double[rows * field.dimension()];
        field.sample(rows, x, 0, RandomStreams.of(seed, 0));
        return x;
    }

    /** Site p moved by {@code sign} times the displacement of kernel index k, per axis modulo L. */
    private static int displaced(StationaryCovariance c, int p, int k, int sign) {
        int n = c.length();
        if (c.dims() == 1) {
            return Math.floorMod(p + sign * k, n);
        }
        return Math.floorMod(p / n + sign * (k / n), n) * n + Math.floorMod(p % n + sign * (k % n), n);
    }
}
