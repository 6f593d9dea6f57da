package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * Posts {@link EffectiveReceptiveFieldRecord}s to a DL4J {@link StatsStorageRouter}, like
 * {@link StatsStorageRecordSink} does for weight receptive fields: a {@link RecordStaticInfo}
 * once, then one {@link EffectiveReceptiveFieldPersistable} update of
 * {@code (sessionId, EffectiveReceptiveFieldPersistable.TYPE_ID, workerId)} per record, with
 * strictly increasing timestamps. The {@code dashboard} module's page charts them (IPR and width
 * over time, the fields, 2-D fields as images); give it the session id of the run's other sinks
 * so that one page shows everything.
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. Serializable when its
 * router is; thread-safe.
 */
public final class EffectiveReceptiveFieldStatsStorageSink extends StatsStorageSink<EffectiveReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public EffectiveReceptiveFieldStatsStorageSink(StatsStorageRouter router) {
        super(router);
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public EffectiveReceptiveFieldStatsStorageSink(StatsStorageRouter router, String sessionId, String workerId) {
        super(router, sessionId, workerId);
    }

    @Override
    protected long timestampMillis(EffectiveReceptiveFieldRecord record) {
        return record.timestampMillis();
    }

    @Override
    protected Persistable staticInfo(String sessionId, String workerId, long stamp,
                                     EffectiveReceptiveFieldRecord record) {
        return new RecordStaticInfo(sessionId, EffectiveReceptiveFieldPersistable.TYPE_ID, workerId, stamp);
    }

    @Override
    protected Persistable update(String sessionId, String workerId, long stamp, EffectiveReceptiveFieldRecord record) {
        return new EffectiveReceptiveFieldPersistable(sessionId, workerId, stamp, record);
    }
}
