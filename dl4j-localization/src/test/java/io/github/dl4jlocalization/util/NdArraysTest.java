package io.github.dl4jlocalization.util;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bulk copies give exactly what ND4J's element-by-element readers give, for every layout. */
class NdArraysTest {

    /** A 5 x 7 matrix with distinct entries a[i, j] = 10 i + j + 0.25. */
    private static INDArray matrix(DataType type, char order) {
        double[][] values = new double[5][7];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 7; j++) {
                values[i][j] = 10 * i + j + 0.25;
            }
        }
        return Nd4j.createFromArray(values).castTo(type).dup(order);
    }

    @Test
    void plainArraysOfEveryLayoutMatchToDoubleMatrix() {
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT, DataType.FLOAT16, DataType.INT32}) {
            for (char order : new char[] {'c', 'f'}) {
                INDArray a = matrix(type, order);
                assertArrayEquals(a.toDoubleMatrix(), NdArrays.rows(a), type + " " + order);
                double[] flat = NdArrays.rowMajor(a);
                assertEquals(35, flat.length);
                assertEquals(a.getDouble(3, 4), flat[3 * 7 + 4], type + " " + order);
            }
        }
    }

    @Test
    void viewsTransposesAndHigherRanksAreCopiedInRowMajorOrder() {
        INDArray a = matrix(DataType.DOUBLE, 'c');
        INDArray block = a.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(2, 6));   // a view, offset > 0
        assertTrue(block.isView());
        assertArrayEquals(block.toDoubleMatrix(), NdArrays.rows(block));
        INDArray column = a.getColumn(3);                                                      // strided view
        assertArrayEquals(column.toDoubleVector(), NdArrays.rowMajor(column));
        INDArray transposed = a.transpose();
        assertArrayEquals(transposed.toDoubleMatrix(), NdArrays.rows(transposed));
        INDArray row = a.getRow(2);
        assertArrayEquals(row.toDoubleVector(), NdArrays.rowMajor(row));

        INDArray cube = Nd4j.arange(24).castTo(DataType.FLOAT).reshape('f', 2, 3, 4);
        double[] flat = NdArrays.rowMajor(cube);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertEquals(cube.getDouble(i, j, k), flat[(i * 3 + j) * 4 + k]);
                }
            }
        }
    }

    @Test
    void emptyArraysGiveEmptyCopiesAndBadInputIsNamed() {
        assertEquals(0, NdArrays.rowMajor(Nd4j.empty(DataType.DOUBLE)).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NdArrays.rows(Nd4j.ones(2, 3, 4)));
        assertTrue(e.getMessage().contains("matrix rank"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NdArrays.rowMajor(null));
    }
}
