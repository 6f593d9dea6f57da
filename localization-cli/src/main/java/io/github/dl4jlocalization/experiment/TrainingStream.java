package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The online training batches of a run, {@code t = start .. end - 1}: batch t is batch t of a
 * {@link DataModelDataSetIterator} with the run's data seed, a pure function of (seed, t), so a
 * run resumed at step s continues with exactly the batches it would have seen.
 *
 * <p>With prefetching, batches are generated on another thread by DL4J's
 * {@link AsyncDataSetIterator} (queue of {@value #QUEUE} batches) while the network trains on the
 * current one; the batches are identical either way. A batch handed out is valid until the next
 * call of {@link #next()}: prefetched batches live in the prefetch thread's recycled workspace,
 * and without prefetching each batch is drawn into a cyclic workspace of this stream, as DL4J's
 * prefetch thread does. Drawing into fresh ND4J memory instead cost about 4x the CPU of the
 * whole W1 step (new off-heap buffers of 1.6 MB every step: page faults, and their release through
 * the garbage collector).
 */
final class TrainingStream implements AutoCloseable {
    /** Batches generated ahead. */
    static final int QUEUE = 2;

    private final DataModelDataSetIterator source;
    private final DataSetIterator iterator;
    /** The cyclic workspace that synchronous batches are drawn into (null with prefetching). */
    private final MemoryWorkspace workspace;

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
        // one epoch [0, end): the iterator's epoch boundary is the end of the run
        this.source = new DataModelDataSetIterator.Builder(model).batchSize(batch).batchesPerEpoch(end)
                .startBatch(start).seed(seed).build();
        this.iterator = prefetch ? new AsyncDataSetIterator(source, QUEUE, true) : source;
        this.workspace = prefetch ? null : Nd4j.getWorkspaceManager().createNewWorkspace(WORKSPACE,
                "TrainingStream-" + System.identityHashCode(this));
    }

    /**
     * Room for at least two batches (the one being trained on and the next), reused from the
     * start once full; learnt from the first batch, as DL4J's prefetch workspace.
     */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .overallocationLimit(2).policyReset(ResetPolicy.ENDOFBUFFER_REACHED)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE).build();

    /** The next batch (DL4J's prefetching iterator hands out a batch only after {@code hasNext()}). */
    DataSet next() {
        if (!iterator.hasNext()) {
            throw new IllegalStateException("training batches ended early: " + source);
        }
        if (workspace == null) {
            return iterator.next();
        }
        try (MemoryWorkspace scope = workspace.notifyScopeEntered()) {
            return source.next();
        }
    }

    /** Stops the prefetch thread, if any. */
    @Override
    public void close() {
        if (iterator instanceof AsyncDataSetIterator async) {
            async.shutdown();
        }
        if (workspace != null) {
            workspace.destroyWorkspace();
        }
    }

    @Override
    public String toString() {
        return "TrainingStream[" + source + (iterator == source ? "" : ", prefetched") + "]";
    }
}
