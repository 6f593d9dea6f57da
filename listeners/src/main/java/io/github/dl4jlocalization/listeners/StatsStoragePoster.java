package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

import java.io.Serializable;
import java.util.function.LongFunction;

/**
 * Posts one worker's records of one type to a DL4J {@link StatsStorageRouter}, the way DL4J's
 * stats storages need them: a static-info record once, before the first update (a storage lists a
 * session, and its workers of a type, from their static info only), then one update per record.
 * Shared by the stats-storage sinks of this package.
 *
 * <p><b>Timestamps.</b> A stats storage keys updates by timestamp, so two updates of the same
 * millisecond overwrite each other. Each post is therefore stamped
 * {@code max(record time, previous stamp + 1)}: strictly increasing, equal to the record's
 * wall-clock time except when records come faster than one per millisecond.
 *
 * <p>Serializable when its router is; thread-safe.
 */
final class StatsStoragePoster implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    private boolean staticInfoPosted;
    private long lastTimestamp = -1;

    StatsStoragePoster(StatsStorageRouter router, String sessionId, String workerId) {
        this.router = Require.nonNull("router", router);
        this.sessionId = Require.nonNull("sessionId", sessionId);
        this.workerId = Require.nonNull("workerId", workerId);
    }

    /**
     * Posts {@code staticInfo} (the first time only) and {@code update}, both built for the stamp
     * of a record made at {@code recordTimeMillis}.
     *
     * @param staticInfo builds the static info for a stamp (called at the first post only)
     * @param update     builds the update for a stamp
     * @return the stamp used
     */
    synchronized long post(long recordTimeMillis, LongFunction<? extends Persistable> staticInfo,
                           LongFunction<? extends Persistable> update) {
        long timestamp = Math.max(recordTimeMillis, lastTimestamp + 1);
        if (!staticInfoPosted) {
            router.putStaticInfo(staticInfo.apply(timestamp));
            staticInfoPosted = true;
        }
        router.putUpdate(update.apply(timestamp));
        lastTimestamp = timestamp;
        return timestamp;
    }

    String sessionId() {
        return sessionId;
    }

    String workerId() {
        return workerId;
    }

    @Override
    public String toString() {
        return "session=" + sessionId + ", worker=" + workerId + ", router=" + router;
    }
}
