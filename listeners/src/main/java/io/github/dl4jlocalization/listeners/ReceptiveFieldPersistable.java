package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link ReceptiveFieldRecord} as a DL4J stats-storage update ({@link Persistable}), so that it
 * can be stored next to the DL4J UI's own statistics (in an {@code InMemoryStatsStorage}, a
 * {@code FileStatsStorage} file or a remote UI) and read by a custom UI page. Written by
 * {@link StatsStorageRecordSink}, with type id {@link #TYPE_ID}.
 *
 * <p>Binary payload after the common header (see {@code AbstractPersistable}):
 * {@code long iteration, int epoch, double score, int K, K doubles ipr, K x (int index, byte sign)
 * peaks, boolean hasWeights, [int K, K x (int D, D doubles)] weights}. The timestamp of the record
 * is the storage timestamp (see {@link StatsStorageRecordSink} on why it may differ from the
 * record's wall-clock time by a few milliseconds).
 *
 * <p>Reading records back:
 * <pre>{@code
 * for (Persistable p : storage.getAllUpdatesAfter(sessionId, ReceptiveFieldPersistable.TYPE_ID, workerId, 0)) {
 *     ReceptiveFieldRecord r = ((ReceptiveFieldPersistable) p).toRecord();
 * }
 * }</pre>
 */
public final class ReceptiveFieldPersistable extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** The stats-storage type id of receptive-field records (updates and static info). */
    public static final String TYPE_ID = "dl4jlocalization.ReceptiveField";
    /** "RFU1": receptive-field update, format 1. */
    private static final int MAGIC = 0x52465531;

    private long iteration;
    private int epoch;
    private double score;
    private double[] ipr;
    private SignedPeak[] peaks;
    private double[][] receptiveFields;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public ReceptiveFieldPersistable() {
    }

    /**
     * The record as an update of {@code (sessionID, TYPE_ID, workerID)} at {@code timeStamp}.
     *
     * @param timeStamp the storage timestamp, ms >= 0
     */
    public ReceptiveFieldPersistable(String sessionID, String workerID, long timeStamp, ReceptiveFieldRecord record) {
        super(sessionID, TYPE_ID, workerID, timeStamp);
        Require.nonNull("record", record);
        this.iteration = record.iteration();
        this.epoch = record.epoch();
        this.score = record.score();
        this.ipr = record.ipr().clone();
        this.peaks = record.peaks().clone();
        this.receptiveFields = record.hasReceptiveFields() ? copyRows(record.receptiveFields()) : null;
    }

    /** The record (a copy), with this update's timestamp as its time. */
    public ReceptiveFieldRecord toRecord() {
        return new ReceptiveFieldRecord(iteration, epoch, score, ipr.clone(), peaks.clone(),
                receptiveFields == null ? null : copyRows(receptiveFields), getTimeStamp());
    }

    @Override
    int magic() {
        return MAGIC;
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        out.writeLong(iteration);
        out.writeInt(epoch);
        out.writeDouble(score);
        writeDoubles(out, ipr);
        out.writeInt(peaks.length);
        for (SignedPeak peak : peaks) {
            out.writeInt(peak.index());
            out.writeByte(peak.sign());
        }
        out.writeBoolean(receptiveFields != null);
        if (receptiveFields != null) {
            writeRows(out, receptiveFields);
        }
    }

    @Override
    void readPayload(DataInput in) throws IOException {
        iteration = in.readLong();
        epoch = in.readInt();
        score = in.readDouble();
        ipr = readDoubles(in);
        peaks = new SignedPeak[readLength(in)];
        for (int k = 0; k < peaks.length; k++) {
            peaks[k] = new SignedPeak(in.readInt(), in.readByte());
        }
        receptiveFields = in.readBoolean() ? readRows(in) : null;
    }

    @Override
    public String toString() {
        return "ReceptiveFieldPersistable[" + header() + ", iteration=" + iteration + ", units="
                + (ipr == null ? 0 : ipr.length) + ", weights=" + (receptiveFields != null) + "]";
    }
}
