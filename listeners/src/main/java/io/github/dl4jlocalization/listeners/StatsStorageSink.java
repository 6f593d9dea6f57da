package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

import java.util.UUID;

/**
 * Posts one worker's records of one type to a DL4J {@link StatsStorageRouter}, the way DL4J's
 * stats storages need them: a static-info record once, before the first update (a storage lists a
 * session, and its workers of a type, from their static info only), then one update per record.
 * A subclass says which two {@link Persistable}s a record becomes.
 *
 * <p><b>Timestamps.</b> A stats storage keys updates by timestamp, so two updates of the same
 * millisecond overwrite each other. Each post is therefore stamped
 * {@code max(record time, previous stamp + 1)}: strictly increasing, equal to the record's
 * wall-clock time except when records come faster than one per millisecond.
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. Serializable when its
 * router is; thread-safe.
 *
 * @param <R> the record type
 */
public abstract class StatsStorageSink<R> implements RecordSink<R> {
    private static final long serialVersionUID = 1L;

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    private boolean staticInfoPosted;
    private long lastTimestamp = -1;

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    protected StatsStorageSink(StatsStorageRouter router) {
        this(router, UUID.randomUUID().toString(), "0");
    }

    /** Posts to {@code router} under the given session and worker ids. */
    protected StatsStorageSink(StatsStorageRouter router, String sessionId, String workerId) {
        this.router = Require.nonNull("router", router);
        this.sessionId = Require.nonNull("sessionId", sessionId);
        this.workerId = Require.nonNull("workerId", workerId);
    }

    /** The wall-clock time of {@code record}, in milliseconds. */
    protected abstract long timestampMillis(R record);

    /** The static info posted before the first update, stamped {@code stamp}. */
    protected abstract Persistable staticInfo(String sessionId, String workerId, long stamp, R record);

    /** The update {@code record} becomes, stamped {@code stamp}. */
    protected abstract Persistable update(String sessionId, String workerId, long stamp, R record);

    @Override
    public final synchronized void accept(R record) {
        Require.nonNull("record", record);
        long timestamp = Math.max(timestampMillis(record), lastTimestamp + 1);
        if (!staticInfoPosted) {
            router.putStaticInfo(staticInfo(sessionId, workerId, timestamp, record));
            staticInfoPosted = true;
        }
        router.putUpdate(update(sessionId, workerId, timestamp, record));
        lastTimestamp = timestamp;
    }

    /** The session id of the posted records. */
    public final String sessionId() {
        return sessionId;
    }

    /** The worker id of the posted records. */
    public final String workerId() {
        return workerId;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(session=" + sessionId + ", worker=" + workerId + ", router=" + router
                + ")";
    }
}
