package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;

/**
 * The static information of a worker's records of a type that needs none beyond the header
 * ({@link KurtosisPersistable#TYPE_ID}, {@link PruningRoundPersistable#TYPE_ID},
 * {@link EffectiveReceptiveFieldPersistable#TYPE_ID}): a
 * {@link Persistable} posted once before the first update, because a DL4J stats storage lists a
 * session, and the workers of a type, from their static information only. Empty payload.
 */
public final class RecordStaticInfo extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** "RSI1": record static info, format 1. */
    private static final int MAGIC = 0x52534931;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public RecordStaticInfo() {
    }

    /**
     * The static info of {@code (sessionID, typeID, workerID)}.
     *
     * @param timeStamp ms >= 0
     */
    public RecordStaticInfo(String sessionID, String typeID, String workerID, long timeStamp) {
        super(sessionID, typeID, workerID, timeStamp);
    }

    @Override
    int magic() {
        return MAGIC;
    }

    @Override
    void writePayload(DataOutput out) {
        // no payload
    }

    @Override
    void readPayload(DataInput in) {
        // no payload
    }

    @Override
    public String toString() {
        return "RecordStaticInfo[" + header() + "]";
    }
}
