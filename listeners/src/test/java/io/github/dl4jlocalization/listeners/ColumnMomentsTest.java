package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnMomentsTest {

    /** n x 3 samples: skewed (exponential), far off zero (mean 1e4), and Gaussian with a drifting mean. */
    private static double[][] batch(SplittableRandom random, int n, double drift) {
        double[][] x = new double[n][3];
        for (double[] row : x) {
            row[0] = -Math.log(1 - random.nextDouble());
            row[1] = 1e4 + random.nextGaussian();
            row[2] = drift + 0.1 * random.nextGaussian();
        }
        return x;
    }

    private static double[] rowMajor(double[][] rows) {
        double[] out = new double[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, out, 3 * i, 3);
        }
        return out;
    }

    @Test
    void mergedBatchesGiveTheCentralEstimatorOfAllSamplesStacked() {
        SplittableRandom random = new SplittableRandom(11);
        int[] sizes = {1, 7, 50, 2, 300};
        double[][][] batches = new double[sizes.length][][];
        ColumnMoments moments = new ColumnMoments();
        int total = 0;
        for (int b = 0; b < sizes.length; b++) {
            batches[b] = batch(random, sizes[b], b);
            moments.add(rowMajor(batches[b]), 3);
            total += sizes[b];
        }
        double[] stacked = new double[total * 3];
        int row = 0;
        for (double[][] batch : batches) {
            for (double[] sample : batch) {
                System.arraycopy(sample, 0, stacked, 3 * row++, 3);
            }
        }
        assertEquals(total, moments.count());
        // both sides are exact formulas: the tolerance covers rounding only (a lost merge term
        // changes the result by O(1), e.g. the drifting means of column 2 add a bimodal spread)
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(stacked, 3), moments.excessKurtosis(), 1e-9);
    }

    @Test
    void emptyConstantAndClearedStates() {
        ColumnMoments moments = new ColumnMoments();
        assertEquals(0, moments.excessKurtosis().length);
        moments.add(new double[0], 2);
        assertEquals(0, moments.count());
        moments.add(new double[] {1, 2, 1, -2}, 2);
        double[] k = moments.excessKurtosis();
        assertTrue(Double.isNaN(k[0]), "constant column");
        assertEquals(-2, k[1], 1e-15, "+-c values have excess kurtosis -2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> moments.add(new double[] {1, 2, 3}, 3));
        assertEquals("batch columns must be the 2 columns of the batches before, got 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> moments.add(new double[] {1, 2, 3}, 2));
        assertTrue(e.getMessage().startsWith("batch length must be a multiple of the 2 columns"), e.getMessage());
        moments.clear();
        assertEquals(0, moments.count());
        assertEquals(0, moments.excessKurtosis().length);
        moments.add(new double[] {1, 2, 3}, 3);
        assertEquals(1, moments.count());
    }
}
