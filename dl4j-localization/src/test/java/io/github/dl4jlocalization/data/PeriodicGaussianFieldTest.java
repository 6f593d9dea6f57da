package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeriodicGaussianFieldTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 7, 8, 40, 41})
    void realFourierBasisIsOrthonormal(int n) {
        double[][] r = PeriodicGaussianField.realFourierBasis(n);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += r[i][a] * r[i][b];
                }
                assertEquals(a == b ? 1 : 0, dot, 1e-12, "column " + a + " . column " + b);
            }
        }
    }

    /** {@code R diag(lambda) R^T = C} where every lambda > 0 (no clamping): xi = 1, 1.5. */
    @ParameterizedTest
    @ValueSource(ints = {9, 10, 40, 41})
    void spectrumReproducesKernel(int n) {
        for (double xi : new double[] {1, 1.5}) {
            StationaryCovariance c = Kernels.squaredExponential(n, 1, xi);
            PeriodicGaussianField field = new PeriodicGaussianField(c);
            double[] lambda = field.eigenvalues();
            double[][] r = PeriodicGaussianField.realFourierBasis(n);
            for (double l : lambda) {
                assertTrue(l > 0, "all eigenvalues positive for xi=" + xi);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) {
                        s += r[i][k] * Math.max(lambda[k], 0) * r[j][k];
                    }
                    assertEquals(c.get(i, j), s, 1e-12, "C(" + i + "," + j + ") xi=" + xi);
                }
            }
        }
    }

    /** The spectrum of {@code C ⊗ C} is the outer product of the 1-D spectrum with itself. */
    @Test
    void kroneckerSpectrumIsOuterProduct() {
        int n = 7;
        double[] one = new PeriodicGaussianField(Kernels.squaredExponential(n, 1, 1.3)).eigenvalues();
        double[] two = new PeriodicGaussianField(Kernels.squaredExponential(n, 2, 1.3)).eigenvalues();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                assertEquals(one[a] * one[b], two[a * n + b], 1e-12);
            }
        }
    }

    /**
     * Samples of the 2-D field have the separable covariance {@code C(dx) C(dy)}. Tolerance: 5
     * standard errors of the position-averaged estimator, whose exact variance for a Gaussian
     * field is {@link SampleStatistics#lagCovarianceVariance} with kappa = 3, divided by n rows.
     */
    @Test
    void sampledTwoDimensionalCovarianceIsKronecker() {
        int n = 6;
        int rows = 20_000;
        StationaryCovariance one = Kernels.squaredExponential(n, 1, 1.5);
        PeriodicGaussianField field = new PeriodicGaussianField(one.kronecker());
        double[] x = new double[rows * n * n];
        field.sample(rows, x, 0, RandomStreams.of(11, 0));
        for (int[] shift : new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 1}, {3, 3}}) {
            int s = shift[0] * n + shift[1];
            double exact = one.get(shift[0], 0) * one.get(shift[1], 0);
            double estimate = SampleStatistics.lagCovariance(x, field.covariance(), s, 0);
            double se = Math.sqrt(SampleStatistics.lagCovarianceVariance(field.covariance(), s, 3) / rows);
            assertEquals(exact, estimate, 5 * se, "cov at (dy,dx)=(" + shift[0] + "," + shift[1] + ")");
        }
    }
}
