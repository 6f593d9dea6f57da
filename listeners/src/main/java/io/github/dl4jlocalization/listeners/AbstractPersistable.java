package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.Persistable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The binary encoding shared by this package's {@link Persistable}s. An encoding is, in
 * {@link DataOutput} format (big-endian, strings as modified UTF-8):
 * <pre>
 *   int    magic     (identifies the concrete class and its format version)
 *   String sessionID, typeID, workerID
 *   long   timeStamp
 *   ...    the subclass's payload ({@link #writePayload}, {@link #readPayload})
 * </pre>
 * Stats storages store {@link #encode()} and rebuild a record by instantiating the class by name
 * (public no-arg constructor) and calling {@link #decode(byte[])}.
 */
abstract class AbstractPersistable implements Persistable {
    private static final long serialVersionUID = 1L;

    private String sessionID;
    private String typeID;
    private String workerID;
    private long timeStamp;

    /** An empty record, to be filled by {@code decode}. */
    AbstractPersistable() {
    }

    AbstractPersistable(String sessionID, String typeID, String workerID, long timeStamp) {
        this.sessionID = Require.nonNull("sessionID", sessionID);
        this.typeID = Require.nonNull("typeID", typeID);
        this.workerID = Require.nonNull("workerID", workerID);
        this.timeStamp = Require.atLeast("timeStamp", timeStamp, 0L);
    }

    /** The int that starts every encoding of the concrete class (checked when decoding). */
    abstract int magic();

    abstract void writePayload(DataOutput out) throws IOException;

    abstract void readPayload(DataInput in) throws IOException;

    @Override
    public String getSessionID() {
        return sessionID;
    }

    @Override
    public String getTypeID() {
        return typeID;
    }

    @Override
    public String getWorkerID() {
        return workerID;
    }

    @Override
    public long getTimeStamp() {
        return timeStamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + this, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream outputStream) throws IOException {
        DataOutputStream out = new DataOutputStream(outputStream);
        out.writeInt(magic());
        out.writeUTF(sessionID);
        out.writeUTF(typeID);
        out.writeUTF(workerID);
        out.writeLong(timeStamp);
        writePayload(out);
        out.flush();
    }

    @Override
    public void decode(byte[] encoding) {
        try {
            decode(new ByteArrayInputStream(encoding));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoding of " + getClass().getSimpleName(), e);
        }
    }

    /** Decodes from the buffer's position and leaves the position after the encoding. */
    @Override
    public void decode(ByteBuffer buffer) {
        byte[] rest = new byte[buffer.remaining()];
        buffer.duplicate().get(rest);
        decode(rest);
        buffer.position(buffer.position() + encodingLengthBytes());
    }

    @Override
    public void decode(InputStream inputStream) throws IOException {
        DataInputStream in = new DataInputStream(inputStream);
        int magic = in.readInt();
        if (magic != magic()) {
            throw new IOException("not an encoding of " + getClass().getSimpleName() + " (magic "
                    + Integer.toHexString(magic) + ", expected " + Integer.toHexString(magic()) + ")");
        }
        sessionID = in.readUTF();
        typeID = in.readUTF();
        workerID = in.readUTF();
        timeStamp = in.readLong();
        readPayload(in);
    }

    static void writeDoubles(DataOutput out, double[] values) throws IOException {
        out.writeInt(values.length);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    static double[] readDoubles(DataInput in) throws IOException {
        double[] values = new double[readLength(in)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    /** Writes the number of rows, then each row as {@link #writeDoubles} does. */
    static void writeRows(DataOutput out, double[][] rows) throws IOException {
        out.writeInt(rows.length);
        for (double[] row : rows) {
            writeDoubles(out, row);
        }
    }

    /** Reads what {@link #writeRows} wrote. */
    static double[][] readRows(DataInput in) throws IOException {
        double[][] rows = new double[readLength(in)][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = readDoubles(in);
        }
        return rows;
    }

    /** A copy of every row. */
    static double[][] copyRows(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    static int readLength(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative array length " + n);
        }
        return n;
    }

    /** Equal when of the same class with equal encodings. */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Arrays.equals(encode(), ((AbstractPersistable) o).encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }

    /** The header fields, for subclasses' {@code toString}. */
    String header() {
        return "session=" + sessionID + ", type=" + typeID + ", worker=" + workerID + ", timeStamp=" + timeStamp;
    }
}
