package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.Labels;

import java.util.Arrays;

/**
 * How the class label {@code y} (0 or 1) of each sample is written into a DataSet's labels.
 *
 * <p>The iterators' default is {@link #ONE_HOT}, as DL4J's own classification iterators (MNIST,
 * CIFAR, {@code RecordReaderDataSetIterator} with a label index and a class count): a standard
 * classifier, a softmax {@code OutputLayer} with {@code nOut(2)} and {@code LossFunction.MCXENT},
 * trains on it as it is. The papers' networks ({@code ShallowNetwork}, {@code ConvolutionalNetwork}:
 * one output, mean squared error against {@code y}) take {@link #REGRESSION}, chosen explicitly:
 * {@code .labelFormat(LabelFormat.REGRESSION)}.
 */
public enum LabelFormat {
    /**
     * One column holding {@code y} itself, {@code [B, 1]}: the target of the papers' mean squared
     * error {@code (yhat - y)^2} (DL4J: {@code LossFunction.MSE} with one output).
     */
    REGRESSION(1),
    /**
     * Two columns, the one-hot vector {@code e_y}, {@code [B, 2]} (the default): for a softmax
     * output layer with {@code LossFunction.MCXENT}, and for DL4J's classification
     * {@code Evaluation}. Row n is {@code (1 - y_n, y_n)}: its argmax is the {@link #REGRESSION}
     * label.
     */
    ONE_HOT(Labels.COUNT);

    private final int columns;

    LabelFormat(int columns) {
        this.columns = columns;
    }

    /** Number of label columns: 1 for {@link #REGRESSION}, 2 for {@link #ONE_HOT}. */
    public int columns() {
        return columns;
    }

    /**
     * The row-major {@code labels.length x columns()} label matrix of the given classes.
     *
     * @param labels class of each row, 0 or 1
     */
    public double[] encode(int[] labels) {
        double[] out = new double[labels.length * columns];
        encodeInto(labels, out);
        return out;
    }

    /**
     * Writes {@link #encode}'s matrix into {@code out} (its first {@code labels.length x columns()}
     * entries), e.g. a buffer reused from batch to batch.
     *
     * @param labels class of each row, 0 or 1
     * @param out    at least {@code labels.length x columns()} entries
     */
    public void encodeInto(int[] labels, double[] out) {
        Arrays.fill(out, 0, labels.length * columns, 0.0);
        for (int n = 0; n < labels.length; n++) {
            int y = Labels.check(labels[n]);
            if (this == REGRESSION) {
                out[n] = y;
            } else {
                out[n * columns + y] = 1;
            }
        }
    }
}
