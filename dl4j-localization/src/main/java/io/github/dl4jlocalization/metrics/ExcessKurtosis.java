package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Sample excess kurtosis estimators {@code m4 / m2^2 - 3} with moments
 * {@code m_k = (1/n) sum_i (x_i - c)^k} about a centre c:
 * <ul>
 *   <li>{@link #CENTRAL}: {@code c = mean(x)}, the usual (biased, moment) estimator;</li>
 *   <li>{@link #RAW}: {@code c = 0}, i.e. {@code mean(x^4) / mean(x^2)^2 - 3}, the estimator of
 *   the reference's IPR-vs-kurtosis sweep (pixel 0 of 10,000 samples; the data are zero-mean,
 *   so both estimate the same quantity).</li>
 * </ul>
 * (The reference's figures use {@code mean(x^4) / var(x)^2}, which agrees with both up to terms
 * in {@code mean(x)^2}.) Values lie in {@code [-2, n - 3]}: -2 for +-1 values; a Gaussian sample
 * gives 0 with standard error about {@code sqrt(24/n)}. NaN when {@code m2 = 0}.
 *
 * <p>Inputs must be non-empty and finite.
 */
public enum ExcessKurtosis {
    /** About the sample mean: {@code m4/m2^2 - 3} with mean-subtracted moments. */
    CENTRAL {
        @Override
        double[] centres(double[] rowMajor, int rows, int columns) {
            double[] sums = new double[columns];
            for (int i = 0, at = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    sums[j] += rowMajor[at++];
                }
            }
            for (int j = 0; j < columns; j++) {
                sums[j] /= rows;
            }
            return sums;
        }
    },
    /** About zero: {@code mean(x^4) / mean(x^2)^2 - 3}. */
    RAW {
        @Override
        double[] centres(double[] rowMajor, int rows, int columns) {
            return new double[columns];
        }
    };

    /** The centre c of each column of a row-major {@code rows x columns} array. */
    abstract double[] centres(double[] rowMajor, int rows, int columns);

    /** The excess kurtosis of all values. */
    public double of(double[] values) {
        Vectors.requireFinite("values", values);
        return moments(values, 1)[0];
    }

    /**
     * The excess kurtosis of each column of an {@code N x M} array (e.g. N samples of M input
     * pixels, or N pre-activations of M hidden units); {@code result[j]} is column j's. Any data
     * type, ordering or view (one bulk copy, {@link NdArrays#rowMajor}).
     */
    public double[] perColumn(INDArray samples) {
        Require.nonNull("samples", samples);
        Require.that(samples.rank() == 2 && samples.length() > 0, "samples", Arrays.toString(samples.shape()),
                "a non-empty rank-2 matrix");
        int columns = samples.columns();
        double[] rowMajor = NdArrays.rowMajor(samples);
        for (int k = 0; k < rowMajor.length; k++) {
            if (!Double.isFinite(rowMajor[k])) {
                throw new IllegalArgumentException("samples[" + k / columns + ", " + k % columns
                        + "] must be a finite number, got " + rowMajor[k]);
            }
        }
        return moments(rowMajor, columns);
    }

    /**
     * The excess kurtosis of each column of a row-major {@code N x columns} array (the layout of
     * {@code LabelledBatch.features()}).
     *
     * @param rowMajor non-empty, finite, length a multiple of {@code columns}
     * @param columns  M >= 1
     */
    public double[] perColumn(double[] rowMajor, int columns) {
        Vectors.requireFinite("rowMajor", rowMajor);
        Require.atLeast("columns", columns, 1);
        Require.that(rowMajor.length % columns == 0, "rowMajor.length", rowMajor.length,
                "a multiple of columns = " + columns);
        return moments(rowMajor, columns);
    }

    /** Each column's estimate, accumulated along the rows (memory order), one sum per column. */
    private double[] moments(double[] rowMajor, int columns) {
        int rows = rowMajor.length / columns;
        double[] c = centres(rowMajor, rows, columns);
        double[] m2 = new double[columns];
        double[] m4 = new double[columns];
        for (int i = 0, at = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                double v = rowMajor[at++];
                double d = (v - c[j]) * (v - c[j]);
                m2[j] += d;
                m4[j] += d * d;
            }
        }
        double[] out = new double[columns];
        for (int j = 0; j < columns; j++) {
            double s2 = m2[j] / rows;
            double s4 = m4[j] / rows;
            out[j] = s2 == 0 ? Double.NaN : s4 / (s2 * s2) - 3;
        }
        return out;
    }
}
