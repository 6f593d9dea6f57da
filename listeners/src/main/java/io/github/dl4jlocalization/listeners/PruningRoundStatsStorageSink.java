package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * Posts {@link PruningRoundRecord}s to a DL4J {@link StatsStorageRouter}, like
 * {@link StatsStorageRecordSink} does for receptive fields: a {@link RecordStaticInfo} once, then
 * one {@link PruningRoundPersistable} update of {@code (sessionId, PruningRoundPersistable.TYPE_ID,
 * workerId)} per record (the round, the updates done so far, the sparsity of its phase and the IPR
 * per unit), with strictly increasing timestamps. Give it the session and worker ids of the
 * receptive-field sink of the same network, so that the dashboard's pruning section shows next to
 * its receptive fields; give the records of the one-shot baseline a sink of their own session.
 *
 * <pre>{@code
 * IterativeMagnitudePruning imp = new IterativeMagnitudePruning.Builder()
 *         .rounds(10).heldOut(heldOut)
 *         .sink(new PruningRoundStatsStorageSink(storage, fields.sessionId(), fields.workerId()))
 *         .build();
 * }</pre>
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. Serializable when its
 * router is; thread-safe.
 */
public final class PruningRoundStatsStorageSink extends StatsStorageSink<PruningRoundRecord> {
    private static final long serialVersionUID = 1L;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public PruningRoundStatsStorageSink(StatsStorageRouter router) {
        super(router);
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public PruningRoundStatsStorageSink(StatsStorageRouter router, String sessionId, String workerId) {
        super(router, sessionId, workerId);
    }

    @Override
    protected long timestampMillis(PruningRoundRecord record) {
        return record.timestampMillis();
    }

    @Override
    protected Persistable staticInfo(String sessionId, String workerId, long stamp, PruningRoundRecord record) {
        return new RecordStaticInfo(sessionId, PruningRoundPersistable.TYPE_ID, workerId, stamp);
    }

    @Override
    protected Persistable update(String sessionId, String workerId, long stamp, PruningRoundRecord record) {
        return new PruningRoundPersistable(sessionId, workerId, stamp, record.round(), record.steps(),
                record.sparsity(), record.ipr());
    }
}
