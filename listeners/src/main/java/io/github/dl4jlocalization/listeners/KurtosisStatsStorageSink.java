package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * Posts {@link KurtosisRecord}s to a DL4J {@link StatsStorageRouter}, like
 * {@link StatsStorageRecordSink} does for receptive fields: a {@link RecordStaticInfo} once, then
 * one {@link KurtosisPersistable} update of {@code (sessionId, KurtosisPersistable.TYPE_ID,
 * workerId)} per record, with strictly increasing timestamps. Give it the session and worker ids
 * of the receptive-field sink of the same run, so that one page shows both.
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. Serializable when its
 * router is; thread-safe.
 */
public final class KurtosisStatsStorageSink extends StatsStorageSink<KurtosisRecord> {
    private static final long serialVersionUID = 1L;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public KurtosisStatsStorageSink(StatsStorageRouter router) {
        super(router);
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public KurtosisStatsStorageSink(StatsStorageRouter router, String sessionId, String workerId) {
        super(router, sessionId, workerId);
    }

    @Override
    protected long timestampMillis(KurtosisRecord record) {
        return record.timestampMillis();
    }

    @Override
    protected Persistable staticInfo(String sessionId, String workerId, long stamp, KurtosisRecord record) {
        return new RecordStaticInfo(sessionId, KurtosisPersistable.TYPE_ID, workerId, stamp);
    }

    @Override
    protected Persistable update(String sessionId, String workerId, long stamp, KurtosisRecord record) {
        return new KurtosisPersistable(sessionId, workerId, stamp, record);
    }
}
