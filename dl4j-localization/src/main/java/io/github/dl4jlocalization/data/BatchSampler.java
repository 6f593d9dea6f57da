package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * Draws labelled batches of a {@link DataModel}: each label is Bernoulli(1/2) and each row is an
 * independent sample of its label's class. Batch {@code t} is a pure function of
 * {@code (seed, t)} through {@link RandomStreams}, so training data can be regenerated, prefetched
 * on another thread, or resumed at any step bit for bit.
 *
 * <p>Immutable and thread-safe.
 */
public final class BatchSampler implements Serializable {
    private static final long serialVersionUID = 1L;

    private final DataModel model;
    private final long seed;

    /**
     * @param model the data model
     * @param seed  the run's data seed
     */
    public BatchSampler(DataModel model, long seed) {
        this.model = Require.nonNull("model", model);
        this.seed = seed;
    }

    /** The data model. */
    public DataModel model() {
        return model;
    }

    /** The seed. */
    public long seed() {
        return seed;
    }

    /** Draws batch {@code index} of {@code size} samples into new arrays. */
    public LabelledBatch sample(long index, int size) {
        Require.atLeast("batch size", size, 1);
        LabelledBatch batch = new LabelledBatch(new double[size * model.dimension()], new int[size],
                model.dimension());
        sampleInto(index, batch.features(), batch.labels());
        return batch;
    }

    /**
     * Draws batch {@code index} into the given arrays; the batch size is {@code labels.length}.
     * Labels are drawn first, then each class's rows in one call of
     * {@link DataModel#sample} (so vectorised samplers see whole blocks) and placed at their rows.
     */
    public void sampleInto(long index, double[] features, int[] labels) {
        int size = Require.atLeast("batch size", labels.length, 1);
        int d = model.dimension();
        Require.that(features.length >= size * d, "features length", features.length,
                ">= batch size * D = " + size * d);
        RandomGenerator random = RandomStreams.of(seed, index);
        int ones = 0;
        for (int n = 0; n < size; n++) {
            labels[n] = random.nextBoolean() ? 1 : 0;
            ones += labels[n];
        }
        int zeros = size - ones;
        if (ones == 0 || zeros == 0) {
            model.sample(labels[0], size, features, 0, random);
            return;
        }
        double[] block = new double[size * d];
        model.sample(0, zeros, block, 0, random);
        model.sample(1, ones, block, zeros, random);
        int next0 = 0;
        int next1 = zeros;
        for (int n = 0; n < size; n++) {
            int from = labels[n] == 0 ? next0++ : next1++;
            System.arraycopy(block, from * d, features, n * d, d);
        }
    }

    @Override
    public String toString() {
        return "BatchSampler[" + model.description() + ", seed=" + seed + "]";
    }
}
