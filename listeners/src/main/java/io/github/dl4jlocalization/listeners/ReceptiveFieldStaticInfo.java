package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The static information of a worker's receptive-field records in a DL4J stats storage
 * ({@link Persistable}, type id {@link ReceptiveFieldPersistable#TYPE_ID}): posted once by
 * {@link StatsStorageRecordSink} before its first update, it registers the session and worker
 * and tells a UI page the number of hidden units K. Payload after the common header:
 * {@code int units}.
 */
public final class ReceptiveFieldStaticInfo extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** "RFS1": receptive-field static info, format 1. */
    private static final int MAGIC = 0x52465331;

    private int units;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public ReceptiveFieldStaticInfo() {
    }

    /**
     * @param timeStamp ms >= 0
     * @param units     the number of hidden units K >= 1 of the records
     */
    public ReceptiveFieldStaticInfo(String sessionID, String workerID, long timeStamp, int units) {
        super(sessionID, ReceptiveFieldPersistable.TYPE_ID, workerID, timeStamp);
        this.units = Require.atLeast("units", units, 1);
    }

    /** The number of hidden units K. */
    public int units() {
        return units;
    }

    @Override
    int magic() {
        return MAGIC;
    }

    @Override
    void writePayload(DataOutput out) throws IOException {
        out.writeInt(units);
    }

    @Override
    void readPayload(DataInput in) throws IOException {
        units = in.readInt();
    }

    @Override
    public String toString() {
        return "ReceptiveFieldStaticInfo[" + header() + ", units=" + units + "]";
    }
}
