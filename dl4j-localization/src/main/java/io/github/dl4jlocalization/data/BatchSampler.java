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

    /** Values per chunk of rows: 256 KiB of doubles. */
    private static final int CHUNK_VALUES = 32_768;
    /** Per-thread buffer for the class-1 rows of a chunk (grown on demand, never shrunk). */
    private static final ThreadLocal<double[]> ONES_BUFFER = ThreadLocal.withInitial(() -> new double[0]);

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
     * Labels are drawn first; then the rows, in chunks of about {@value #CHUNK_VALUES} values
     * (which stay in the CPU's L2 cache while the model transforms them and they are put in
     * place), each class's rows of a chunk in one call of {@link DataModel#sample} (so vectorised
     * samplers see whole blocks).
     */
    public void sampleInto(long index, double[] features, int[] labels) {
        int size = Require.atLeast("batch size", labels.length, 1);
        int d = model.dimension();
        Require.that(features.length >= size * d, "features length", features.length,
                ">= batch size * D = " + size * d);
        RandomGenerator random = RandomStreams.of(seed, index);
        for (int n = 0; n < size; n++) {
            labels[n] = random.nextBoolean() ? 1 : 0;
        }
        int chunk = Math.max(1, CHUNK_VALUES / d);
        for (int from = 0; from < size; from += chunk) {
            sampleRows(from, Math.min(size, from + chunk), features, labels, random);
        }
    }

    /**
     * Rows {@code [from, to)}: class 0 straight into their first rows, class 1 into a per-thread
     * buffer, then every row moved to its label's position in one backward pass (row n receives
     * the m-th row of its class, m counting the earlier rows of the chunk with that label; a
     * class-0 row only ever moves down, onto a row already read).
     */
    private void sampleRows(int from, int to, double[] features, int[] labels, RandomGenerator random) {
        int d = model.dimension();
        int ones = 0;
        for (int n = from; n < to; n++) {
            ones += labels[n];
        }
        int zeros = to - from - ones;
        if (ones == 0 || zeros == 0) {
            model.sample(labels[from], to - from, features, from, random);
            return;
        }
        double[] classOne = ONES_BUFFER.get();
        if (classOne.length < ones * d) {
            classOne = new double[ones * d];
            ONES_BUFFER.set(classOne);
        }
        model.sample(0, zeros, features, from, random);
        model.sample(1, ones, classOne, 0, random);
        int next0 = from + zeros;
        int next1 = ones;
        for (int n = to - 1; n >= next0; n--) {
            if (labels[n] == 0) {
                next0--;
                System.arraycopy(features, next0 * d, features, n * d, d);
            } else {
                next1--;
                System.arraycopy(classOne, next1 * d, features, n * d, d);
            }
        }
    }

    @Override
    public String toString() {
        return "BatchSampler[" + model.description() + ", seed=" + seed + "]";
    }
}
