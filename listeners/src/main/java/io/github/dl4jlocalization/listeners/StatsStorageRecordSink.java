package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.StatsStorageRouter;

import java.util.UUID;

/**
 * Posts {@link ReceptiveFieldRecord}s to a DL4J {@link StatsStorageRouter} (an
 * {@code InMemoryStatsStorage} or {@code FileStatsStorage} attached to the UI server, or a
 * {@code RemoteUIStatsStorageRouter}), where a custom UI page can chart them next to DL4J's own
 * statistics. At the first record it posts a {@link ReceptiveFieldStaticInfo} once
 * ({@code putStaticInfo}); every record then becomes a {@link ReceptiveFieldPersistable} update
 * ({@code putUpdate}) of {@code (sessionId, ReceptiveFieldPersistable.TYPE_ID, workerId)}.
 *
 * <p><b>Timestamps.</b> A stats storage keys updates by timestamp, so two updates of the same
 * millisecond overwrite each other. The sink therefore stamps each update with
 * {@code max(record time, previous stamp + 1)}: strictly increasing, equal to the record's
 * wall-clock time except when records come faster than one per millisecond.
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
public final class StatsStorageRecordSink implements RecordSink<ReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    private final StatsStoragePoster poster;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public StatsStorageRecordSink(StatsStorageRouter router) {
        this(router, UUID.randomUUID().toString(), "0");
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public StatsStorageRecordSink(StatsStorageRouter router, String sessionId, String workerId) {
        this.poster = new StatsStoragePoster(router, sessionId, workerId);
    }

    @Override
    public void accept(ReceptiveFieldRecord record) {
        Require.nonNull("record", record);
        String session = poster.sessionId();
        String worker = poster.workerId();
        poster.post(record.timestampMillis(),
                stamp -> new ReceptiveFieldStaticInfo(session, worker, stamp, record.units()),
                stamp -> new ReceptiveFieldPersistable(session, worker, stamp, record));
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
        return "StatsStorageRecordSink(" + poster + ")";
    }
}
