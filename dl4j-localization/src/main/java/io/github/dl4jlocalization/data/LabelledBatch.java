package io.github.dl4jlocalization.data;

/**
 * A batch of {@code size} samples: {@code features} row-major ({@code size x dimension}) and the
 * class {@code labels[n]} (0 or 1) of row n. Arrays are owned by the batch's creator; this record
 * does not copy them.
 *
 * @param features  row-major samples, length {@code size * dimension}
 * @param labels    class of each row
 * @param dimension D
 */
public record LabelledBatch(double[] features, int[] labels, int dimension) {

    /** Number of samples. */
    public int size() {
        return labels.length;
    }
}
