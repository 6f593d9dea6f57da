package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.Kernels;
import io.github.dl4jlocalization.data.StationaryCovariance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Products by FFT against the dense D x D products, for even, odd, prime and composite L. */
class CirculantOperatorTest {

    /** A symmetric kernel with random values (not a covariance: the product does not care). */
    private static StationaryCovariance randomSymmetric(int length, int dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] ring = new double[length];
        for (int k = 0; k <= length / 2; k++) {
            ring[k] = random.nextDouble(-1, 1);
            ring[(length - k) % length] = ring[k];
        }
        StationaryCovariance c = new StationaryCovariance(length, 1, ring);
        if (dims == 1) {
            return c;
        }
        // a non-separable symmetric 2-D kernel: C ⊗ C plus a symmetric perturbation
        double[] k2 = c.kronecker().kernel();
        for (int r = 0; r < length; r++) {
            for (int col = 0; col < length; col++) {
                double bump = 0.1 * Math.cos(2 * Math.PI * (r + 2 * col) / length);
                k2[r * length + col] += bump;
            }
        }
        return new StationaryCovariance(length, 2, k2);
    }

    private static double[] randomVector(int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[d];
        for (int i = 0; i < d; i++) {
            w[i] = random.nextDouble(-1, 1);
        }
        return w;
    }

    private static double[] dense(StationaryCovariance c, double[] w) {
        double[][] m = c.toDense();
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            for (int j = 0; j < w.length; j++) {
                out[i] += m[i][j] * w[j];
            }
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 7, 12, 13, 30, 40, 41, 64, 97, 100})
    void ringProductEqualsDenseProduct(int length) {
        StationaryCovariance c = randomSymmetric(length, 1, length);
        double[] w = randomVector(length, 100 + length);
        assertClose(dense(c, w), CirculantOperator.of(c).apply(w), 1e-12, "L=" + length);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 6, 7, 12, 13})
    void torusProductEqualsDenseProduct(int length) {
        StationaryCovariance c = randomSymmetric(length, 2, length);
        double[] w = randomVector(length * length, 200 + length);
        assertClose(dense(c, w), CirculantOperator.of(c).apply(w), 1e-12, "2-D L=" + length);
    }

    /** The pair path (both products from one forward and one inverse transform) equals two products. */
    @ParameterizedTest
    @ValueSource(ints = {5, 40, 41})
    void pairEqualsTwoProducts(int length) {
        for (int dims = 1; dims <= 2; dims++) {
            CirculantOperator a = CirculantOperator.of(randomSymmetric(length, dims, 1));
            CirculantOperator b = CirculantOperator.of(randomSymmetric(length, dims, 2));
            double[] w = randomVector(a.dimension(), 3);
            double[] outA = new double[w.length];
            double[] outB = new double[w.length];
            CirculantOperator.applyPair(a, b, w, outA, outB, a.workspace());
            assertClose(a.apply(w), outA, 1e-12, "A w");
            assertClose(b.apply(w), outB, 1e-12, "B w");
        }
    }

    /** Eigenvalues are the cosine transform of the kernel; the quadratic form is w' C w. */
    @Test
    void eigenvaluesAndQuadraticForm() {
        StationaryCovariance c = Kernels.squaredExponential(40, 1, 3);
        CirculantOperator op = CirculantOperator.of(c);
        double[] lambda = op.eigenvalues();
        double[] kernel = c.kernel();
        for (int k = 0; k < 40; k++) {
            double expected = 0;
            for (int j = 0; j < 40; j++) {
                expected += kernel[j] * Math.cos(2 * Math.PI * j * k / 40);
            }
            assertEquals(expected, lambda[k], 1e-12, "lambda_" + k);
        }
        double[] w = randomVector(40, 9);
        double[] cw = dense(c, w);
        double q = 0;
        for (int i = 0; i < 40; i++) {
            q += w[i] * cw[i];
        }
        assertEquals(q, op.quadraticForm(w), 1e-12);
        assertTrue(op.eigenvalues() != op.eigenvalues(), "eigenvalues() returns copies");
    }

    @Test
    void rejectsAsymmetricKernelAndWrongLength() {
        double[] kernel = {1, 0.5, 0.1, 0.2};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CirculantOperator.of(new StationaryCovariance(4, 1, kernel)));
        assertTrue(e.getMessage().startsWith("covariance kernel must be symmetric under k -> -k"), e.getMessage());
        CirculantOperator op = CirculantOperator.of(Kernels.squaredExponential(4, 1, 1));
        assertEquals("w.length must be D = 4, got 3",
                assertThrows(IllegalArgumentException.class, () -> op.apply(new double[3])).getMessage());
        assertEquals("covariance must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> CirculantOperator.of(null)).getMessage());
    }
}
