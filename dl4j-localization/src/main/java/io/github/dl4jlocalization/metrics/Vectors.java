package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/** Input validation and the column view of matrices shared by the metric functions. */
final class Vectors {
    private Vectors() {
    }

    /**
     * Requires a non-null, non-empty vector of finite numbers and returns it; a bad entry is
     * named with its index, e.g. {@code "w[3] must be a finite number, got NaN"}.
     */
    static double[] requireFinite(String name, double[] v) {
        Require.nonNull(name, v);
        if (v.length == 0) {
            throw new IllegalArgumentException(name + " must be a non-empty vector, got length 0");
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] must be a finite number, got " + v[i]);
            }
        }
        return v;
    }

    /** {@code sum_i v_i^2}. */
    static double sumOfSquares(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return s;
    }

    /**
     * The columns of a non-empty rank-2 array of any data type, as doubles:
     * {@code result[j][i] = a[i, j]}, so a {@code rows x columns} array gives
     * {@code double[columns][rows]}. Entries are checked to be finite.
     */
    static double[][] columns(String name, INDArray a) {
        Require.nonNull(name, a);
        Require.that(a.rank() == 2 && a.length() > 0, name, Arrays.toString(a.shape()),
                "a non-empty rank-2 matrix");
        double[] rowMajor = NdArrays.rowMajor(a);
        int n = a.rows();
        int m = a.columns();
        double[][] cols = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                double v = rowMajor[i * m + j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException(
                            name + "[" + i + ", " + j + "] must be a finite number, got " + v);
                }
                cols[j][i] = v;
            }
        }
        return cols;
    }
}
