package io.github.dl4jlocalization.util;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * Bulk copies of ND4J arrays into Java arrays, for the code that reads weights, activations or
 * batches during training.
 *
 * <p>ND4J's own {@code INDArray.toDoubleMatrix()} and {@code toDoubleVector()} read the array
 * element by element (about 1-2 microseconds per element in ND4J 1.0.0-M2.1: 40-80 ms for a
 * 1000 x 40 batch, several times a training step), and so does a loop of {@code getDouble(i, j)}.
 * These methods instead copy the array's buffer in one go ({@code DataBuffer.asDouble()}), after
 * at most one native C-ordered copy when the array is a view, F-ordered or strided: about 0.1 ms
 * for the same batch, float or double.
 */
public final class NdArrays {
    private NdArrays() {
    }

    /**
     * The elements of {@code a} as doubles in row-major (C) order: for a {@code [n0, n1, ..., nk]}
     * array, element {@code (i0, i1, ..., ik)} is at {@code ((i0 n1 + i1) n2 + ...) nk + ik}.
     * Works for any numeric data type (converted to double), any ordering and views.
     *
     * @param a the array, not null
     * @return a new array of {@code a.length()} doubles
     */
    public static double[] rowMajor(INDArray a) {
        Require.nonNull("array", a);
        if (a.isEmpty() || a.length() == 0) {
            return new double[0];
        }
        Require.that(a.length() <= Integer.MAX_VALUE, "array length", a.length(), "at most " + Integer.MAX_VALUE);
        return (isPlainRowMajor(a) ? a : a.dup('c')).data().asDouble();
    }

    /**
     * The rows of a rank-2 array as doubles, {@code result[i][j] = a[i, j]} (what
     * {@code toDoubleMatrix()} returns, copied in bulk).
     *
     * @param matrix a rank-2 array, not null
     */
    public static double[][] rows(INDArray matrix) {
        Require.nonNull("matrix", matrix);
        Require.that(matrix.rank() == 2, "matrix rank", matrix.rank(), "2");
        double[] flat = rowMajor(matrix);
        int rows = matrix.rows();
        int columns = matrix.columns();
        double[][] out = new double[rows][columns];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * columns, out[i], 0, columns);
        }
        return out;
    }

    /** Whether {@code a}'s buffer holds exactly its elements, in C order from offset 0. */
    private static boolean isPlainRowMajor(INDArray a) {
        return a.ordering() == 'c' && !a.isView() && a.offset() == 0 && a.data().length() == a.length()
                && Shape.hasDefaultStridesForShape(a);
    }
}
