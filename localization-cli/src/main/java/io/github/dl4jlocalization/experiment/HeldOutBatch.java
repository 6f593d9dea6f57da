package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;

/**
 * The held-out batch of a run, drawn in this one place: batch 0 of the run's evaluation seed
 * ({@link RunConfig#evalSeed()}), N fresh samples never used for training. A run scores its
 * network on it ({@link #score}: the papers' loss {@code (1/N) sum_n (y_n - t_n)^2}, no factor 1/2,
 * and accuracy {@code (1/N) #{n : 1[y_n > 0.5] = t_n}}, labels t in {0, 1}), measures the
 * pre-activation kurtosis on it, hands it to pruning as the held-out set, and measures the input
 * kurtosis of {@code summary.json} on it. The first n samples of a larger batch are not those of
 * a smaller one: the size is part of the draw.
 */
public final class HeldOutBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] values;
    private final int[] labels;
    private final int dimension;
    private final DataModel model;
    /** The ND4J copy of the values, made at the first use. */
    private transient INDArray features;

    private HeldOutBatch(LabelledBatch batch, DataModel model) {
        this.values = batch.features();
        this.labels = batch.labels();
        this.dimension = batch.dimension();
        this.model = model;
    }

    /**
     * The held-out batch of {@code size} samples of a run of {@code config}.
     *
     * @param model {@code config.dataModel()} (passed in, as building it costs)
     */
    public static HeldOutBatch of(RunConfig config, DataModel model, int size) {
        Require.nonNull("config", config);
        Require.nonNull("model", model);
        return new HeldOutBatch(new BatchSampler(model, config.evalSeed()).sample(0, size), model);
    }

    /** The features, {@code [N, D]} float64 (shared: do not modify). */
    public synchronized INDArray features() {
        if (features == null) {
            features = Nd4j.create(values, new long[] {labels.length, dimension}, DataType.DOUBLE);
        }
        return features;
    }

    /** Features and labels, the labels as an {@code [N, 1]} float64 column of 0 and 1. */
    public DataSet dataSet() {
        double[] targets = new double[labels.length];
        for (int n = 0; n < targets.length; n++) {
            targets[n] = labels[n];
        }
        return new DataSet(features(), Nd4j.create(targets, new long[] {targets.length, 1}, DataType.DOUBLE));
    }

    /** N. */
    public int size() {
        return labels.length;
    }

    /** The loss and accuracy of a one-output {@code net} on this batch (inference mode). */
    public Score score(MultiLayerNetwork net) {
        double[] y = net.output(features(), false).toDoubleVector();
        double squares = 0;
        int correct = 0;
        for (int n = 0; n < y.length; n++) {
            double r = y[n] - labels[n];
            squares += r * r;
            correct += (y[n] > 0.5 ? 1 : 0) == labels[n] ? 1 : 0;
        }
        return new Score(squares / y.length, (double) correct / y.length);
    }

    /** The input marginals' excess kurtosis on this batch, with the model's exact values. */
    public InputKurtosis inputKurtosis() {
        return InputKurtosis.of(new LabelledBatch(values, labels, dimension), model);
    }

    /**
     * @param loss     mean squared error
     * @param accuracy fraction classified correctly
     */
    public record Score(double loss, double accuracy) {
    }

    @Override
    public String toString() {
        return "HeldOutBatch[" + labels.length + " samples of " + model.description() + "]";
    }
}
