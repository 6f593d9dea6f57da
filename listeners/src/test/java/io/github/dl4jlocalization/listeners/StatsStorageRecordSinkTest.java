package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.dl4jlocalization.listeners.FileRecordSinkTest.assertRecordEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DL4J stats-storage records and sink, round-tripped through the storages of the UI. */
class StatsStorageRecordSinkTest {
    private static final String TYPE = ReceptiveFieldPersistable.TYPE_ID;

    @TempDir
    Path dir;

    /** Three records, two of them in the same millisecond (they must not overwrite each other). */
    private static List<ReceptiveFieldRecord> records() {
        return List.of(Fixtures.record(1, true, 5000), Fixtures.record(2, false, 5000), Fixtures.record(3, true, 4000));
    }

    private static void post(StatsStorage storage, List<ReceptiveFieldRecord> records) {
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "session", "worker");
        records.forEach(sink::accept);
        sink.close();
    }

    private static void assertStored(StatsStorage storage, List<ReceptiveFieldRecord> records) {
        assertEquals(List.of("session"), storage.listSessionIDs());
        Persistable info = storage.getStaticInfo("session", TYPE, "worker");
        assertEquals(2, assertInstanceOf(ReceptiveFieldStaticInfo.class, info).units());
        assertEquals(records.size(), storage.getNumUpdateRecordsFor("session", TYPE, "worker"));

        List<Persistable> updates = storage.getAllUpdatesAfter("session", TYPE, "worker", 0);
        assertEquals(records.size(), updates.size());
        long[] expectedStamps = {5000, 5001, 5002};   // max(record time, previous + 1)
        for (int i = 0; i < records.size(); i++) {
            ReceptiveFieldRecord back = ((ReceptiveFieldPersistable) updates.get(i)).toRecord();
            ReceptiveFieldRecord r = records.get(i);
            assertEquals(expectedStamps[i], back.timestampMillis());
            assertRecordEquals(new ReceptiveFieldRecord(r.iteration(), r.epoch(), r.score(), r.ipr(), r.peaks(),
                    r.receptiveFields(), expectedStamps[i]), back);
        }
        ReceptiveFieldRecord latest = ((ReceptiveFieldPersistable) storage.getLatestUpdate("session", TYPE, "worker"))
                .toRecord();
        assertEquals(3, latest.iteration());
    }

    @Test
    void inMemoryStatsStorageKeepsEveryRecordWithStrictlyIncreasingTimestamps() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        post(storage, records());
        assertStored(storage, records());
    }

    @Test
    void fileStatsStorageDecodesTheRecordsInAnotherStorageInstance() throws IOException {
        java.io.File file = dir.resolve("ui.bin").toFile();
        FileStatsStorage writer = new FileStatsStorage(file);
        post(writer, records());
        writer.close();
        // a new instance on the same file rebuilds the records from their encodings
        FileStatsStorage reader = new FileStatsStorage(file);
        try {
            assertStored(reader, records());
        } finally {
            reader.close();
        }
    }

    @Test
    void staticInfoIsPostedOnce() throws IOException {
        List<Persistable> statics = new ArrayList<>();
        List<Persistable> updates = new ArrayList<>();
        StatsStorageRecordSink sink = new StatsStorageRecordSink(
                new org.deeplearning4j.core.storage.impl.CollectionStatsStorageRouter(new ArrayList<>(), statics, updates));
        records().forEach(sink::accept);
        assertEquals(1, statics.size());
        assertEquals(3, updates.size());
        assertEquals("0", sink.workerId());
        assertEquals(sink.sessionId(), updates.get(0).getSessionID());
        assertNotEquals(sink.sessionId(), new StatsStorageRecordSink(new InMemoryStatsStorage()).sessionId());
        assertTrue(sink.toString().contains(sink.sessionId()), sink.toString());
    }

    @Test
    void everyEncodeAndDecodeVariantRoundTrips() throws IOException {
        ReceptiveFieldPersistable p = new ReceptiveFieldPersistable("s", "w", 42, Fixtures.record(7, true, 1));
        byte[] bytes = p.encode();
        assertEquals(bytes.length, p.encodingLengthBytes());

        ReceptiveFieldPersistable fromBytes = new ReceptiveFieldPersistable();
        fromBytes.decode(bytes);
        assertEquals(p, fromBytes);
        assertEquals(p.hashCode(), fromBytes.hashCode());
        assertEquals("s", fromBytes.getSessionID());
        assertEquals(TYPE, fromBytes.getTypeID());
        assertEquals("w", fromBytes.getWorkerID());
        assertEquals(42, fromBytes.getTimeStamp());
        assertRecordEquals(new ReceptiveFieldRecord(7, 1, 7.25, Fixtures.record(7, true, 1).ipr(),
                Fixtures.record(7, true, 1).peaks(), Fixtures.record(7, true, 1).receptiveFields(), 42), fromBytes.toRecord());

        // two encodings back to back in one buffer: each decode consumes exactly its own bytes
        ReceptiveFieldStaticInfo info = new ReceptiveFieldStaticInfo("s", "w", 41, 2);
        ByteBuffer buffer = ByteBuffer.allocate(bytes.length + info.encodingLengthBytes());
        p.encode(buffer);
        info.encode(buffer);
        buffer.flip();
        ReceptiveFieldPersistable fromBuffer = new ReceptiveFieldPersistable();
        fromBuffer.decode(buffer);
        assertEquals(bytes.length, buffer.position());
        ReceptiveFieldStaticInfo infoBack = new ReceptiveFieldStaticInfo();
        infoBack.decode(buffer);
        assertEquals(p, fromBuffer);
        assertEquals(info, infoBack);
        assertEquals(0, buffer.remaining());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.encode(out);
        ReceptiveFieldPersistable fromStream = new ReceptiveFieldPersistable();
        fromStream.decode(new ByteArrayInputStream(out.toByteArray()));
        assertEquals(p, fromStream);

        ReceptiveFieldPersistable withoutWeights = new ReceptiveFieldPersistable("s", "w", 43, Fixtures.record(8, false, 1));
        ReceptiveFieldPersistable back = new ReceptiveFieldPersistable();
        back.decode(withoutWeights.encode());
        assertEquals(null, back.toRecord().receptiveFields());
    }

    @Test
    void decodingAnotherRecordTypeIsRefused() {
        byte[] info = new ReceptiveFieldStaticInfo("s", "w", 1, 2).encode();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReceptiveFieldPersistable().decode(info));
        assertTrue(e.getMessage().contains("ReceptiveFieldPersistable"), e.getMessage());
    }

    @Test
    void invalidArgumentsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StatsStorageRecordSink(null, "s", "w"));
        assertEquals("router must be given, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReceptiveFieldStaticInfo("s", "w", 1, 0));
        assertEquals("units must be an integer >= 1, got 0", e.getMessage());
    }
}
