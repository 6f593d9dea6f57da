package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The state after one round of iterative magnitude pruning, as a DL4J stats-storage update
 * ({@link Persistable}, type id {@link #TYPE_ID}): the round number, the parameter updates done,
 * the sparsity of the pruned layer (the fraction of its weights held at zero by the mask) and the
 * IPR of every hidden unit. The {@code dashboard} module's page shows a pruning section (sparsity
 * and IPR per round) for every session that has records of this type.
 *
 * <p>{@link StatsStorageRecordSink} posts one for every {@link PruningRoundRecord} of
 * {@link IterativeMagnitudePruning} (or {@link PruningExperiment}) that it is a sink of, with a
 * {@link RecordStaticInfo} of the same type id first (once per worker; DL4J's storages list
 * workers from static information only) and strictly increasing timestamps.
 *
 * <p>Binary payload after the common header (see {@code AbstractPersistable}):
 * {@code int round, long iteration, double sparsity, int K, K doubles ipr}.
 */
public final class PruningRoundPersistable extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** The stats-storage type id of pruning-round records (updates and their {@link RecordStaticInfo}). */
    public static final String TYPE_ID = "dl4jlocalization.PruningRound";
    /** "PRR1": pruning round, format 1. */
    private static final int MAGIC = 0x50525231;

    private int round;
    private long iteration;
    private double sparsity;
    private double[] ipr;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public PruningRoundPersistable() {
    }

    /**
     * The state after pruning round {@code round} as an update of
     * {@code (sessionID, TYPE_ID, workerID)} at {@code timeStamp}.
     *
     * @param timeStamp the storage timestamp, ms >= 0
     * @param round     the round, >= 0 (0: the dense network before any pruning)
     * @param iteration parameter updates done at the end of the round, >= 0
     * @param sparsity  fraction of the pruned layer's weights that are masked to zero, in [0, 1]
     * @param ipr       IPR per hidden unit (copied; NaN for a unit whose weights are all pruned),
     *                  at least one unit
     */
    public PruningRoundPersistable(String sessionID, String workerID, long timeStamp, int round, long iteration,
                                   double sparsity, double[] ipr) {
        super(sessionID, TYPE_ID, workerID, timeStamp);
        this.round = Require.atLeast("round", round, 0);
        this.iteration = Require.atLeast("iteration", iteration, 0L);
        this.sparsity = Require.inRange("sparsity", sparsity, 0, 1);
        Require.nonNull("ipr", ipr);
        Require.atLeast("ipr length", ipr.length, 1);
        this.ipr = ipr.clone();
    }

    /** The pruning round (0: before any pruning). */
    public int round() {
        return round;
    }

    /** Parameter updates done at the end of the round. */
    public long iteration() {
        return iteration;
    }

    /** Fraction of the pruned layer's weights masked to zero. */
    public double sparsity() {
        return sparsity;
    }

    /** IPR per hidden unit (a copy). */
    public double[] ipr() {
        return ipr.clone();
    }

    /** Mean IPR over units (NaN units ignored; NaN when all are NaN). */
    public double meanIpr() {
        return NanStats.mean(ipr);
    }

    /** Largest IPR over units (NaN units ignored; NaN when all are NaN). */
    public double maxIpr() {
        return NanStats.max(ipr);
    }

    @Override
    int magic() {
        return MAGIC;
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        out.writeInt(round);
        out.writeLong(iteration);
        out.writeDouble(sparsity);
        writeDoubles(out, ipr);
    }

    @Override
    void readPayload(DataInput in) throws IOException {
        round = in.readInt();
        iteration = in.readLong();
        sparsity = in.readDouble();
        ipr = readDoubles(in);
    }

    @Override
    public String toString() {
        return "PruningRoundPersistable[" + header() + ", round=" + round + ", iteration=" + iteration
                + ", sparsity=" + sparsity + ", units=" + (ipr == null ? 0 : ipr.length) + "]";
    }
}
