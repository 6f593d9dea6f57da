package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

/**
 * Posts {@link ReceptiveFieldRecord}s to a DL4J {@link StatsStorageRouter} (an
 * {@code InMemoryStatsStorage} or {@code FileStatsStorage} attached to the UI server, or a
 * {@code RemoteUIStatsStorageRouter}), where a custom UI page can chart them next to DL4J's own
 * statistics. At the first record it posts a {@link ReceptiveFieldStaticInfo} once
 * ({@code putStaticInfo}); every record then becomes a {@link ReceptiveFieldPersistable} update
 * ({@code putUpdate}) of {@code (sessionId, ReceptiveFieldPersistable.TYPE_ID, workerId)}.
 *
 * <p>Updates get strictly increasing timestamps ({@link StatsStorageSink}), so that records of the
 * same millisecond do not overwrite each other.
 *
 * <pre>{@code
 * StatsStorage storage = new FileStatsStorage(new File("runs/ui.bin"));   // deeplearning4j-ui-model
 * StatsStorageRecordSink fields = new StatsStorageRecordSink(storage, "run-1", "worker-0");
 * net.addListeners(new StatsListener(storage, 10),                         // DL4J's own charts
 *         new ReceptiveFieldListener(10, fields),
 *         new KurtosisListener.Builder(10).sink(new KurtosisStatsStorageSink(storage, fields.sessionId(),
 *                 fields.workerId())).build());
 * }</pre>
 * The {@code dashboard} module's page charts these records of each session.
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. The sink is
 * serializable when its router is (e.g. {@code RemoteUIStatsStorageRouter}). Thread-safe.
 */
public final class StatsStorageRecordSink extends StatsStorageSink<ReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public StatsStorageRecordSink(StatsStorageRouter router) {
        super(router);
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public StatsStorageRecordSink(StatsStorageRouter router, String sessionId, String workerId) {
        super(router, sessionId, workerId);
    }

    @Override
    protected long timestampMillis(ReceptiveFieldRecord record) {
        return record.timestampMillis();
    }

    @Override
    protected Persistable staticInfo(String sessionId, String workerId, long stamp, ReceptiveFieldRecord record) {
        return new ReceptiveFieldStaticInfo(sessionId, workerId, stamp, record.units());
    }

    @Override
    protected Persistable update(String sessionId, String workerId, long stamp, ReceptiveFieldRecord record) {
        return new ReceptiveFieldPersistable(sessionId, workerId, stamp, record);
    }
}
