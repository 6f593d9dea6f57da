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
        if (batch.length == 0) {
            return;
        }
        int columns = batch[0].length;
        if (count == 0) {
            mean = new double[columns];
            m2 = new double[columns];
            m3 = new double[columns];
            m4 = new double[columns];
        } else {
            Require.that(columns == mean.length, "batch columns", columns,
                    "the " + mean.length + " columns of the batches before");
        }
        double nA = count;
        double nB = batch.length;
        double n = nA + nB;
        for (int j = 0; j < columns; j++) {
            double meanB = 0;
            for (double[] row : batch) {
                meanB += row[j];
            }
            meanB /= nB;
            double m2B = 0;
            double m3B = 0;
            double m4B = 0;
            for (double[] row : batch) {
                double d = row[j] - meanB;
                double d2 = d * d;
                m2B += d2;
                m3B += d2 * d;
                m4B += d2 * d2;
            }
            double delta = meanB - mean[j];
            double d2 = delta * delta;
            double m2A = m2[j];
            double m3A = m3[j];
            m4[j] += m4B + d2 * d2 * nA * nB * (nA * nA - nA * nB + nB * nB) / (n * n * n)
                    + 6 * d2 * (nA * nA * m2B + nB * nB * m2A) / (n * n) + 4 * delta * (nA * m3B - nB * m3A) / n;
            m3[j] += m3B + d2 * delta * nA * nB * (nA - nB) / (n * n) + 3 * delta * (nA * m2B - nB * m2A) / n;
            m2[j] += m2B + d2 * nA * nB / n;
            mean[j] += delta * nB / n;
        }
        count += batch.length;
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
