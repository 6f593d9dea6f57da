package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A {@link KurtosisRecord} as a DL4J stats-storage update ({@link Persistable}, type id
 * {@link #TYPE_ID}), written by {@link StatsStorageRecordSink} next to the receptive-field
 * records of the same session, for the {@code dashboard} module's page.
 *
 * <p>Binary payload after the common header (see {@code AbstractPersistable}):
 * {@code long iteration, int epoch, long inputSamples, int D, D doubles inputKurtosis, int K,
 * K doubles preActivationKurtosis}. The record's time is the storage timestamp.
 */
public final class KurtosisPersistable extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** The stats-storage type id of kurtosis records (updates and their {@link RecordStaticInfo}). */
    public static final String TYPE_ID = "dl4jlocalization.Kurtosis";
    /** "KUR1": kurtosis update, format 1. */
    private static final int MAGIC = 0x4b555231;

    private long iteration;
    private int epoch;
    private long inputSamples;
    private double[] inputKurtosis;
    private double[] preActivationKurtosis;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public KurtosisPersistable() {
    }

    /**
     * The record as an update of {@code (sessionID, TYPE_ID, workerID)} at {@code timeStamp}.
     *
     * @param timeStamp the storage timestamp, ms >= 0
     */
    public KurtosisPersistable(String sessionID, String workerID, long timeStamp, KurtosisRecord record) {
        super(sessionID, TYPE_ID, workerID, timeStamp);
        Require.nonNull("record", record);
        this.iteration = record.iteration();
        this.epoch = record.epoch();
        this.inputSamples = record.inputSamples();
        this.inputKurtosis = record.inputKurtosis().clone();
        this.preActivationKurtosis = record.preActivationKurtosis().clone();
    }

    /** The record (a copy), with this update's timestamp as its time. */
    public KurtosisRecord toRecord() {
        return new KurtosisRecord(iteration, epoch, inputSamples, inputKurtosis.clone(),
                preActivationKurtosis.clone(), getTimeStamp());
    }

    @Override
    int magic() {
        return MAGIC;
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        out.writeLong(iteration);
        out.writeInt(epoch);
        out.writeLong(inputSamples);
        writeDoubles(out, inputKurtosis);
        writeDoubles(out, preActivationKurtosis);
    }

    @Override
    void readPayload(DataInput in) throws IOException {
        iteration = in.readLong();
        epoch = in.readInt();
        inputSamples = in.readLong();
        inputKurtosis = readDoubles(in);
        preActivationKurtosis = readDoubles(in);
    }

    @Override
    public String toString() {
        return "KurtosisPersistable[" + header() + ", iteration=" + iteration + ", pixels="
                + (inputKurtosis == null ? 0 : inputKurtosis.length) + ", units="
                + (preActivationKurtosis == null ? 0 : preActivationKurtosis.length) + "]";
    }
}
