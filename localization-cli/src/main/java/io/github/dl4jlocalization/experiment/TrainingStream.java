package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The online training batches of a run, {@code t = start .. end - 1}: batch t is batch t of a
 * {@link DataModelDataSetIterator} with the run's data seed, a pure function of (seed, t), so a
 * run resumed at step s continues with exactly the batches it would have seen.
 *
 * <p>With prefetching, batches are generated on another thread by DL4J's
 * {@link AsyncDataSetIterator} (queue of {@value #QUEUE} batches) while the network trains on the
 * current one; the batches are identical either way. A batch handed out is valid until the next
 * call of {@link #next()} (prefetched batches live in a recycled workspace).
 */
final class TrainingStream implements AutoCloseable {
    /** Batches generated ahead. */
    static final int QUEUE = 2;

    private final DataModelDataSetIterator source;
    private final DataSetIterator iterator;

    /**
     * @param model    the data model
     * @param seed     the data seed
     * @param batch    samples per batch
     * @param start    first batch index, >= 0
     * @param end      exclusive end, > start
     * @param prefetch whether to generate batches on another thread
     */
    TrainingStream(DataModel model, long seed, int batch, long start, int end, boolean prefetch) {
        Require.that(start >= 0 && start < end, "batch range", "[" + start + ", " + end + ")",
                "a non-empty range of batch indices >= 0");
        // one epoch [0, end): the iterator's epoch boundary is the end of the run; the papers'
        // networks (one output, MSE) train on the scalar label y
        this.source = new DataModelDataSetIterator.Builder(model).batchSize(batch).batchesPerEpoch(end)
                .startBatch(start).seed(seed).labelFormat(LabelFormat.REGRESSION).build();
        this.iterator = prefetch ? new AsyncDataSetIterator(source, QUEUE, true) : source;
    }

    /** The next batch (DL4J's prefetching iterator hands out a batch only after {@code hasNext()}). */
    DataSet next() {
        if (!iterator.hasNext()) {
            throw new IllegalStateException("training batches ended early: " + source);
        }
        return iterator.next();
    }

    /** Stops the prefetch thread, if any. */
    @Override
    public void close() {
        if (iterator instanceof AsyncDataSetIterator async) {
            async.shutdown();
        }
    }

    @Override
    public String toString() {
        return "TrainingStream[" + source + (iterator == source ? "" : ", prefetched") + "]";
    }
}
