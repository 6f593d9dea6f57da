package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static io.github.dl4jlocalization.metrics.ExcessKurtosis.CENTRAL;
import static io.github.dl4jlocalization.metrics.ExcessKurtosis.RAW;
import static io.github.dl4jlocalization.metrics.LocalizationMetricsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExcessKurtosisTest {
    private static final double[] PLUS_MINUS_ONE = {1, -1, -1, 1, 1, -1};
    /** +-1 shifted by +1: central moments unchanged, raw moments mean(x^4) = 8, mean(x^2) = 2. */
    private static final double[] ZERO_TWO = {2, 0, 0, 2, 2, 0};

    @Test
    void binaryValuesHaveExcessKurtosisMinusTwo() {
        assertEquals(-2, CENTRAL.of(PLUS_MINUS_ONE), 1e-15);
        assertEquals(-2, RAW.of(PLUS_MINUS_ONE), 1e-15);
        assertEquals(-2, CENTRAL.of(ZERO_TWO), 1e-15);
        assertEquals(8.0 / 4 - 3, RAW.of(ZERO_TWO), 1e-15);
    }

    @Test
    void uniformGridHasTheExactFiniteGridValue() {
        // discrete uniform on n equally spaced points: excess kurtosis -6 (n^2 + 1) / (5 (n^2 - 1)) -> -1.2
        int n = 101;
        double[] grid = grid(n);
        double exact = -6.0 * (n * n + 1) / (5.0 * (n * n - 1));
        assertEquals(exact, CENTRAL.of(grid), 1e-13);
        assertEquals(exact, RAW.of(grid), 1e-13);
        assertEquals(-1.2, exact, 1e-3);
    }

    private static double[] grid(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i - (n - 1) / 2.0;
        }
        return x;
    }

    @Test
    void gaussianSampleHasZeroExcessKurtosis() {
        // the estimator of a Gaussian sample is asymptotically N(0, 24/n): tolerance 5 sqrt(24/n) = 0.077
        int n = 100_000;
        SplittableRandom random = new SplittableRandom(7);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = random.nextGaussian();
        }
        double tolerance = 5 * Math.sqrt(24.0 / n);
        assertEquals(0, CENTRAL.of(x), tolerance);
        assertEquals(0, RAW.of(x), tolerance);
    }

    @Test
    void perColumnOfMatrixAndOfRowMajorArrayAgree() {
        int rows = PLUS_MINUS_ONE.length;
        double[][] data = new double[rows][3];
        double[] rowMajor = new double[rows * 3];
        double[] wide = grid(rows);
        for (int i = 0; i < rows; i++) {
            data[i] = new double[] {PLUS_MINUS_ONE[i], ZERO_TWO[i], wide[i]};
            System.arraycopy(data[i], 0, rowMajor, 3 * i, 3);
        }
        INDArray matrix = Nd4j.create(data);
        double[] expectedRaw = {RAW.of(PLUS_MINUS_ONE), RAW.of(ZERO_TWO), RAW.of(wide)};
        double[] expectedCentral = {CENTRAL.of(PLUS_MINUS_ONE), CENTRAL.of(ZERO_TWO), CENTRAL.of(wide)};
        assertArrayEquals(expectedRaw, RAW.perColumn(matrix), 1e-15);
        assertArrayEquals(expectedCentral, CENTRAL.perColumn(matrix), 1e-15);
        assertArrayEquals(expectedRaw, RAW.perColumn(rowMajor, 3), 1e-15);
        assertArrayEquals(expectedCentral, CENTRAL.perColumn(rowMajor, 3), 1e-15);
        // a transposed view and a float copy hold the same columns
        INDArray view = Nd4j.create(transpose(data)).transpose();
        assertArrayEquals(expectedRaw, RAW.perColumn(view), 1e-15);
        assertArrayEquals(expectedRaw, RAW.perColumn(matrix.castTo(DataType.FLOAT)), 1e-6);
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    @Test
    void constantValuesAreUndefinedAndBadInputIsRejected() {
        assertTrue(Double.isNaN(CENTRAL.of(new double[] {3, 3, 3})));
        assertTrue(Double.isNaN(RAW.of(new double[] {0, 0})));
        assertMessage("values[1] must be a finite number, got Infinity",
                () -> RAW.of(new double[] {1, Double.POSITIVE_INFINITY}));
        assertMessage("rowMajor.length must be a multiple of columns = 3, got 4",
                () -> RAW.perColumn(new double[4], 3));
        assertMessage("columns must be an integer >= 1, got 0", () -> RAW.perColumn(new double[4], 0));
        assertMessage("samples must be a non-empty rank-2 matrix, got [2, 2, 2]",
                () -> CENTRAL.perColumn(Nd4j.zeros(2, 2, 2)));
    }
}
