package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * An {@link EffectiveReceptiveFieldRecord} as a DL4J stats-storage update ({@link Persistable},
 * type id {@link #TYPE_ID}), written by {@link StatsStorageRecordSink} for the
 * {@code dashboard} module's page.
 *
 * <p>Binary payload after the common header (see {@code AbstractPersistable}):
 * {@code long iteration, int epoch, double score, String layer, double massFraction, int A,
 * A longs inputShape, A booleans periodic, int K, K Strings units, K doubles ipr, K ints width,
 * K doubles secondMomentWidth, int K and K x (int A, A doubles) centre, boolean hasFields, then
 * int K and K x (int D, D doubles) fields}. The record's time is the storage timestamp.
 */
public final class EffectiveReceptiveFieldPersistable extends AbstractPersistable {
    private static final long serialVersionUID = 1L;
    /** The stats-storage type id of effective-receptive-field records. */
    public static final String TYPE_ID = "dl4jlocalization.EffectiveReceptiveField";
    /** "ERF1": effective receptive field update, format 1. */
    private static final int MAGIC = 0x45524631;

    private long iteration;
    private int epoch;
    private double score;
    private String layer;
    private double massFraction;
    private long[] inputShape;
    private boolean[] periodic;
    private String[] units;
    private double[] ipr;
    private int[] width;
    private double[] secondMomentWidth;
    private double[][] centre;
    private double[][] fields;

    /** An empty record for stats storages, which fill it with {@code decode}. */
    public EffectiveReceptiveFieldPersistable() {
    }

    /** The record as an update of {@code (sessionID, TYPE_ID, workerID)} at {@code timeStamp} (ms >= 0). */
    public EffectiveReceptiveFieldPersistable(String sessionID, String workerID, long timeStamp,
                                              EffectiveReceptiveFieldRecord record) {
        super(sessionID, TYPE_ID, workerID, timeStamp);
        Require.nonNull("record", record);
        iteration = record.iteration();
        epoch = record.epoch();
        score = record.score();
        layer = record.layer();
        massFraction = record.massFraction();
        inputShape = record.inputShape().clone();
        periodic = record.periodic().clone();
        units = record.units().clone();
        ipr = record.ipr().clone();
        width = record.width().clone();
        secondMomentWidth = record.secondMomentWidth().clone();
        centre = copyRows(record.centre());
        fields = record.fields() == null ? null : copyRows(record.fields());
    }

    /** The record (a copy), with this update's timestamp as its time. */
    public EffectiveReceptiveFieldRecord toRecord() {
        return new EffectiveReceptiveFieldRecord(iteration, epoch, score, layer, inputShape.clone(), periodic.clone(),
                units.clone(), ipr.clone(), massFraction, width.clone(), secondMomentWidth.clone(), copyRows(centre),
                fields == null ? null : copyRows(fields), getTimeStamp());
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
        out.writeUTF(layer);
        out.writeDouble(massFraction);
        out.writeInt(inputShape.length);
        for (int a = 0; a < inputShape.length; a++) {
            out.writeLong(inputShape[a]);
            out.writeBoolean(periodic[a]);
        }
        out.writeInt(units.length);
        for (String u : units) {
            out.writeUTF(u);
        }
        writeDoubles(out, ipr);
        for (int w : width) {
            out.writeInt(w);
        }
        writeDoubles(out, secondMomentWidth);
        writeRows(out, centre);
        out.writeBoolean(fields != null);
        if (fields != null) {
            writeRows(out, fields);
        }
    }

    @Override
    void readPayload(DataInput in) throws IOException {
        iteration = in.readLong();
        epoch = in.readInt();
        score = in.readDouble();
        layer = in.readUTF();
        massFraction = in.readDouble();
        int axes = readLength(in);
        inputShape = new long[axes];
        periodic = new boolean[axes];
        for (int a = 0; a < axes; a++) {
            inputShape[a] = in.readLong();
            periodic[a] = in.readBoolean();
        }
        int k = readLength(in);
        units = new String[k];
        for (int i = 0; i < k; i++) {
            units[i] = in.readUTF();
        }
        ipr = readDoubles(in);
        width = new int[k];
        for (int i = 0; i < k; i++) {
            width[i] = in.readInt();
        }
        secondMomentWidth = readDoubles(in);
        centre = readRows(in);
        fields = in.readBoolean() ? readRows(in) : null;
    }

    @Override
    public String toString() {
        return "EffectiveReceptiveFieldPersistable[" + header() + ", iteration=" + iteration + ", layer=" + layer
                + ", units=" + (units == null ? 0 : units.length) + "]";
    }
}
