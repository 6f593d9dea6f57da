package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * Running central moments of each column of a stream of sample batches, for the excess kurtosis
 * of all samples seen: with n samples {@code x_1..x_n} of a column, mean {@code xbar} and
 * {@code M_k = sum_i (x_i - xbar)^k},
 * <pre>
 *   kappa = m4 / m2^2 - 3,   m_k = M_k / n   (so kappa = n M4 / M2^2 - 3),
 * </pre>
 * exactly {@link io.github.dl4jlocalization.metrics.ExcessKurtosis#CENTRAL} of the concatenated
 * samples, without keeping them. Each batch's moments are computed in two passes about the batch
 * mean and merged into the running ones by the exact pairwise formulas (Chan, Golub &amp; LeVeque
 * 1979 for M2; Pébay 2008, eq. 3.1, for M3 and M4), which avoid the cancellation of raw power
 * sums. With {@code delta = mean_B - mean_A}, {@code n = n_A + n_B}:
 * <pre>
 *   mean = mean_A + delta n_B / n
 *   M2 = M2_A + M2_B + delta^2 n_A n_B / n
 *   M3 = M3_A + M3_B + delta^3 n_A n_B (n_A - n_B) / n^2 + 3 delta (n_A M2_B - n_B M2_A) / n
 *   M4 = M4_A + M4_B + delta^4 n_A n_B (n_A^2 - n_A n_B + n_B^2) / n^3
 *        + 6 delta^2 (n_A^2 M2_B + n_B^2 M2_A) / n^2 + 4 delta (n_A M3_B - n_B M3_A) / n
 * </pre>
 */
final class ColumnMoments implements Serializable {
    private static final long serialVersionUID = 1L;

    private long count;
    private double[] mean;
    private double[] m2;
    private double[] m3;
    private double[] m4;

    /** Adds a batch of samples, {@code batch[i][j]} = sample i, column j; rows of equal length. */
    void add(double[][] batch) {
        if (batch.length > 0) {
            int columns = batch[0].length;
            double[] flat = new double[batch.length * columns];
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(batch[i], 0, flat, i * columns, columns);
            }
            add(flat, columns);
        }
    }

    /**
     * Adds a batch of samples stored row by row: sample i, column j at {@code flat[i * columns + j]}
     * ({@code flat.length} a multiple of {@code columns}).
     */
    void add(double[] flat, int columns) {
        if (flat.length == 0) {
            return;
        }
        Require.atLeast("columns", columns, 1);
        Require.that(flat.length % columns == 0, "batch length", flat.length, "a multiple of " + columns + " columns");
        if (count == 0) {
            mean = new double[columns];
            m2 = new double[columns];
            m3 = new double[columns];
            m4 = new double[columns];
        } else {
            Require.that(columns == mean.length, "batch columns", columns,
                    "the " + mean.length + " columns of the batches before");
        }
        int rows = flat.length / columns;
        double nA = count;
        double nB = rows;
        double n = nA + nB;
        // the batch's own moments about its mean, two passes in memory order (row by row)
        double[] meanB = new double[columns];
        for (int i = 0; i < flat.length; i += columns) {
            for (int j = 0; j < columns; j++) {
                meanB[j] += flat[i + j];
            }
        }
        for (int j = 0; j < columns; j++) {
            meanB[j] /= nB;
        }
        double[] m2B = new double[columns];
        double[] m3B = new double[columns];
        double[] m4B = new double[columns];
        for (int i = 0; i < flat.length; i += columns) {
            for (int j = 0; j < columns; j++) {
                double d = flat[i + j] - meanB[j];
                double d2 = d * d;
                m2B[j] += d2;
                m3B[j] += d2 * d;
                m4B[j] += d2 * d2;
            }
        }
        for (int j = 0; j < columns; j++) {
            double delta = meanB[j] - mean[j];
            double d2 = delta * delta;
            double m2A = m2[j];
            double m3A = m3[j];
            m4[j] += m4B[j] + d2 * d2 * nA * nB * (nA * nA - nA * nB + nB * nB) / (n * n * n)
                    + 6 * d2 * (nA * nA * m2B[j] + nB * nB * m2A) / (n * n) + 4 * delta * (nA * m3B[j] - nB * m3A) / n;
            m3[j] += m3B[j] + d2 * delta * nA * nB * (nA - nB) / (n * n) + 3 * delta * (nA * m2B[j] - nB * m2A) / n;
            m2[j] += m2B[j] + d2 * nA * nB / n;
            mean[j] += delta * nB / n;
        }
        count += rows;
    }

    /** The number of samples added since the last {@link #clear()}. */
    long count() {
        return count;
    }

    /** The excess kurtosis of each column (NaN for a constant column); empty when no samples. */
    double[] excessKurtosis() {
        if (count == 0) {
            return new double[0];
        }
        double[] out = new double[mean.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = m2[j] == 0 ? Double.NaN : count * m4[j] / (m2[j] * m2[j]) - 3;
        }
        return out;
    }

    /** Forgets every sample. */
    void clear() {
        count = 0;
        mean = null;
        m2 = null;
        m3 = null;
        m4 = null;
    }
}
