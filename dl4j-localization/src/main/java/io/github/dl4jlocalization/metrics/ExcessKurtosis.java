package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        double centre(double[] x) {
            double s = 0;
            for (double v : x) {
                s += v;
            }
            return s / x.length;
        }
    },
    /** About zero: {@code mean(x^4) / mean(x^2)^2 - 3}. */
    RAW {
        @Override
        double centre(double[] x) {
            return 0;
        }
    };

    abstract double centre(double[] x);

    /** The excess kurtosis of all values. */
    public double of(double[] values) {
        Vectors.requireFinite("values", values);
        return moments(values);
    }

    /**
     * The excess kurtosis of each column of an {@code N x M} array (e.g. N samples of M input
     * pixels, or N pre-activations of M hidden units); {@code result[j]} is column j's.
     */
    public double[] perColumn(INDArray samples) {
        double[][] columns = Vectors.columns("samples", samples);
        double[] out = new double[columns.length];
        for (int j = 0; j < columns.length; j++) {
            out[j] = moments(columns[j]);
        }
        return out;
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
        int rows = rowMajor.length / columns;
        double[] column = new double[rows];
        double[] out = new double[columns];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows; i++) {
                column[i] = rowMajor[i * columns + j];
            }
            out[j] = moments(column);
        }
        return out;
    }

    private double moments(double[] x) {
        double c = centre(x);
        double m2 = 0;
        double m4 = 0;
        for (double v : x) {
            double d = (v - c) * (v - c);
            m2 += d;
            m4 += d * d;
        }
        m2 /= x.length;
        m4 /= x.length;
        return m2 == 0 ? Double.NaN : m4 / (m2 * m2) - 3;
    }
}
