package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.StatsStorageRouter;

import java.util.UUID;

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
public final class KurtosisStatsStorageSink implements RecordSink<KurtosisRecord> {
    private static final long serialVersionUID = 1L;

    private final StatsStoragePoster poster;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public KurtosisStatsStorageSink(StatsStorageRouter router) {
        this(router, UUID.randomUUID().toString(), "0");
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public KurtosisStatsStorageSink(StatsStorageRouter router, String sessionId, String workerId) {
        this.poster = new StatsStoragePoster(router, sessionId, workerId);
    }

    @Override
    public void accept(KurtosisRecord record) {
        Require.nonNull("record", record);
        String session = poster.sessionId();
        String worker = poster.workerId();
        poster.post(record.timestampMillis(),
                stamp -> new RecordStaticInfo(session, KurtosisPersistable.TYPE_ID, worker, stamp),
                stamp -> new KurtosisPersistable(session, worker, stamp, record));
    }

    /** The session id of the posted records. */
    public String sessionId() {
        return poster.sessionId();
    }

    /** The worker id of the posted records. */
    public String workerId() {
        return poster.workerId();
    }

    @Override
    public String toString() {
        return "KurtosisStatsStorageSink(" + poster + ")";
    }
}
