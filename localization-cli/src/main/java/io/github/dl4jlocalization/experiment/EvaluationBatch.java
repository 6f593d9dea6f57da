package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fixed labelled batch on which a one-output network is scored, as the papers evaluate: the
 * mean squared error {@code (1/N) sum_n (y_n - t_n)^2} (no factor 1/2) and the accuracy
 * {@code (1/N) #{n : 1[y_n > 0.5] = t_n}}, labels t in {0, 1}.
 */
final class EvaluationBatch {
    private final INDArray features;
    private final int[] labels;

    /** The batch's features as a {@code [N, D]} float64 array, with its labels. */
    EvaluationBatch(LabelledBatch batch) {
        Require.nonNull("batch", batch);
        this.features = Nd4j.create(batch.features(), new long[] {batch.size(), batch.dimension()}, DataType.DOUBLE);
        this.labels = batch.labels();
    }

    /** The loss and accuracy of {@code net} on this batch (inference mode). */
    Score score(MultiLayerNetwork net) {
        double[] y = net.output(features, false).toDoubleVector();
        double squares = 0;
        int correct = 0;
        for (int n = 0; n < y.length; n++) {
            double r = y[n] - labels[n];
            squares += r * r;
            correct += (y[n] > 0.5 ? 1 : 0) == labels[n] ? 1 : 0;
        }
        return new Score(squares / y.length, (double) correct / y.length);
    }

    /**
     * @param loss     mean squared error
     * @param accuracy fraction classified correctly
     */
    record Score(double loss, double accuracy) {
    }
}
