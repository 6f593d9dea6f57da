package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Posts the listeners' records of every type to a DL4J {@link StatsStorageRouter} (an
 * {@code InMemoryStatsStorage} or {@code FileStatsStorage} attached to the UI server, or a
 * {@code RemoteUIStatsStorageRouter}), under one session and worker id, where the
 * {@code dashboard} module's page charts them next to DL4J's own statistics. One sink serves
 * every listener of a run:
 * <pre>{@code
 * StatsStorage storage = new FileStatsStorage(new File("runs/ui.bin"));   // deeplearning4j-ui-model
 * StatsStorageRecordSink ui = new StatsStorageRecordSink(storage);        // a new session id
 * net.addListeners(new StatsListener(storage, 10, ui.sessionId()),        // DL4J's own charts
 *         new ReceptiveFieldListener(10, ui),
 *         new KurtosisListener.Builder(10).heldOutBatch(heldOut).sink(ui).build(),
 *         new EffectiveReceptiveFieldListener.Builder(100).layer("layer1").heldOutBatch(heldOut).sink(ui).build());
 * // pruning rounds too: new IterativeMagnitudePruning.Builder()...sink(ui).build()
 * }</pre>
 *
 * <p>Each record type is a stream of its own, {@code (sessionId, type id, workerId)}: at its first
 * record the sink posts the stream's static information once ({@code putStaticInfo}; a storage
 * lists a session, and its workers of a type, from static information only), then every record
 * becomes one update ({@code putUpdate}):
 * <ul>
 *   <li>{@link ReceptiveFieldRecord}: {@link ReceptiveFieldStaticInfo} (the number of units), then
 *       {@link ReceptiveFieldPersistable}s;</li>
 *   <li>{@link KurtosisRecord}: {@link RecordStaticInfo}, then {@link KurtosisPersistable}s;</li>
 *   <li>{@link EffectiveReceptiveFieldRecord}: {@link RecordStaticInfo}, then
 *       {@link EffectiveReceptiveFieldPersistable}s;</li>
 *   <li>{@link PruningRoundRecord}: {@link RecordStaticInfo}, then {@link PruningRoundPersistable}s
 *       (round, steps, sparsity during the round, IPR per unit). The rounds of the one-shot
 *       baseline ({@link PruningRoundRecord#oneShot()}) go to the worker id
 *       {@code workerId + }{@value #ONE_SHOT_WORKER_SUFFIX}, so that they do not mix with the
 *       iterative rounds, which the page shows.</li>
 * </ul>
 *
 * <p><b>Timestamps.</b> A stats storage keys the updates of a stream by timestamp, so two updates
 * of the same millisecond overwrite each other. Each post is therefore stamped
 * {@code max(record time, previous stamp of its stream + 1)}: strictly increasing, equal to the
 * record's wall-clock time except when records come faster than one per millisecond.
 *
 * <p>The router belongs to the caller: {@link #close()} does not close it. The sink is
 * serializable when its router is (e.g. {@code RemoteUIStatsStorageRouter}). Thread-safe.
 */
public final class StatsStorageRecordSink implements RecordSink<ListenerRecord> {
    private static final long serialVersionUID = 2L;

    /** Appended to the worker id of the one-shot baseline's pruning rounds. */
    public static final String ONE_SHOT_WORKER_SUFFIX = "-one-shot";

    private final StatsStorageRouter router;
    private final String sessionId;
    private final String workerId;
    /** The last stamp posted in each stream ("type id/worker id"); a stream listed has its static info. */
    private final Map<String, Long> lastStamps = new HashMap<>();

    /** Posts to {@code router} under a new random session id and worker id {@code "0"}. */
    public StatsStorageRecordSink(StatsStorageRouter router) {
        this(router, UUID.randomUUID().toString(), "0");
    }

    /** Posts to {@code router} under the given session and worker ids. */
    public StatsStorageRecordSink(StatsStorageRouter router, String sessionId, String workerId) {
        this.router = Require.nonNull("router", router);
        this.sessionId = Require.nonNull("sessionId", sessionId);
        this.workerId = Require.nonNull("workerId", workerId);
    }

    @Override
    public synchronized void accept(ListenerRecord record) {
        Require.nonNull("record", record);
        String type;
        String worker = workerId;
        if (record instanceof ReceptiveFieldRecord) {
            type = ReceptiveFieldPersistable.TYPE_ID;
        } else if (record instanceof KurtosisRecord) {
            type = KurtosisPersistable.TYPE_ID;
        } else if (record instanceof EffectiveReceptiveFieldRecord) {
            type = EffectiveReceptiveFieldPersistable.TYPE_ID;
        } else {
            type = PruningRoundPersistable.TYPE_ID;
            worker = ((PruningRoundRecord) record).oneShot() ? workerId + ONE_SHOT_WORKER_SUFFIX : workerId;
        }
        String stream = type + "/" + worker;
        Long last = lastStamps.get(stream);
        long stamp = last == null ? record.timestampMillis() : Math.max(record.timestampMillis(), last + 1);
        if (last == null) {
            router.putStaticInfo(record instanceof ReceptiveFieldRecord fields
                    ? new ReceptiveFieldStaticInfo(sessionId, worker, stamp, fields.units())
                    : new RecordStaticInfo(sessionId, type, worker, stamp));
        }
        router.putUpdate(update(record, worker, stamp));
        lastStamps.put(stream, stamp);
    }

    private Persistable update(ListenerRecord record, String worker, long stamp) {
        if (record instanceof ReceptiveFieldRecord fields) {
            return new ReceptiveFieldPersistable(sessionId, worker, stamp, fields);
        }
        if (record instanceof KurtosisRecord kurtosis) {
            return new KurtosisPersistable(sessionId, worker, stamp, kurtosis);
        }
        if (record instanceof EffectiveReceptiveFieldRecord effective) {
            return new EffectiveReceptiveFieldPersistable(sessionId, worker, stamp, effective);
        }
        PruningRoundRecord round = (PruningRoundRecord) record;
        return new PruningRoundPersistable(sessionId, worker, stamp, round.round(), round.steps(), round.sparsity(),
                round.ipr());
    }

    /** The session id of the posted records. */
    public String sessionId() {
        return sessionId;
    }

    /** The worker id of the posted records (of the iterative pruning rounds, too). */
    public String workerId() {
        return workerId;
    }

    @Override
    public String toString() {
        return "StatsStorageRecordSink(session=" + sessionId + ", worker=" + workerId + ", router=" + router + ")";
    }
}
