package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.datasets.iterator.AsyncShieldDataSetIterator;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The batches of an iterator drawn on the training thread (no prefetch, and no asynchronous
 * wrapping by {@code fit}) into a cyclic workspace of their own, as DL4J's prefetch thread draws
 * into its workspace. A batch handed out is valid until the one after next is drawn. Drawing into
 * fresh ND4J memory instead cost about 4x the CPU of a whole step of a small network (new off-heap
 * buffers of 1.6 MB every step: page faults, and their release through the garbage collector).
 *
 * <p>{@link #close()} releases the workspace.
 */
final class WorkspaceBatches extends AsyncShieldDataSetIterator implements AutoCloseable {
    /**
     * Room for at least two batches (the one being trained on and the next), reused from the start
     * once full; learnt from the first batch, as DL4J's prefetch workspace.
     */
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .overallocationLimit(2).policyReset(ResetPolicy.ENDOFBUFFER_REACHED)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private final DataSetIterator source;
    private final MemoryWorkspace workspace;

    WorkspaceBatches(DataSetIterator source) {
        super(Require.nonNull("source", source));
        this.source = source;
        this.workspace = Nd4j.getWorkspaceManager().createNewWorkspace(WORKSPACE,
                "WorkspaceBatches-" + System.identityHashCode(this));
    }

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public DataSet next() {
        try (MemoryWorkspace scope = workspace.notifyScopeEntered()) {
            return source.next();
        }
    }

    @Override
    public void close() {
        workspace.destroyWorkspace();
    }
}
