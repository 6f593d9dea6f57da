package io.github.dl4jlocalization.listeners;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kurtosis and pruning-round records in DL4J's stats storages, next to receptive-field records. */
class KurtosisStatsStorageSinkTest {
    private static final String TYPE = KurtosisPersistable.TYPE_ID;

    @TempDir
    Path dir;

    /** Two records of the same millisecond: the second must not overwrite the first. */
    private static List<KurtosisRecord> records() {
        return List.of(new KurtosisRecord(10, 0, 500, new double[] {-0.5, Double.NaN, 0.25}, new double[] {1.5, 2}, 7000),
                new KurtosisRecord(20, 0, 500, new double[] {-0.75, -1, 0}, new double[0], 7000));
    }

    private static void post(StatsStorage storage) {
        StatsStorageRecordSink fields = new StatsStorageRecordSink(storage, "session", "worker");
        fields.accept(Fixtures.record(10, true, 7000));
        KurtosisStatsStorageSink kurtosis = new KurtosisStatsStorageSink(storage, fields.sessionId(), fields.workerId());
        records().forEach(kurtosis::accept);
        kurtosis.close();
    }

    private static void assertStored(StatsStorage storage) {
        assertEquals(List.of("session"), storage.listSessionIDs());
        assertEquals(List.of("worker"), storage.listWorkerIDsForSessionAndType("session", TYPE));
        assertInstanceOf(RecordStaticInfo.class, storage.getStaticInfo("session", TYPE, "worker"));
        List<Persistable> updates = storage.getAllUpdatesAfter("session", TYPE, "worker", 0);
        assertEquals(2, updates.size());
        long[] stamps = {7000, 7001};
        for (int i = 0; i < 2; i++) {
            KurtosisRecord expected = records().get(i);
            KurtosisRecord back = ((KurtosisPersistable) updates.get(i)).toRecord();
            assertEquals(expected.iteration(), back.iteration());
            assertEquals(expected.epoch(), back.epoch());
            assertEquals(expected.inputSamples(), back.inputSamples());
            assertArrayEquals(expected.inputKurtosis(), back.inputKurtosis());
            assertArrayEquals(expected.preActivationKurtosis(), back.preActivationKurtosis());
            assertEquals(stamps[i], back.timestampMillis());
        }
        assertEquals(1, storage.getNumUpdateRecordsFor("session", ReceptiveFieldPersistable.TYPE_ID, "worker"));
    }

    @Test
    void inMemoryStorageKeepsKurtosisRecordsNextToReceptiveFields() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        post(storage);
        assertStored(storage);
    }

    @Test
    void fileStorageDecodesKurtosisRecordsInAnotherInstance() {
        java.io.File file = dir.resolve("ui.bin").toFile();
        FileStatsStorage writer = new FileStatsStorage(file);
        post(writer);
        writer.close();
        FileStatsStorage reader = new FileStatsStorage(file);
        try {
            assertStored(reader);
        } finally {
            reader.close();
        }
    }

    @Test
    void pruningRoundRoundTripsAndSummarisesIgnoringPrunedUnits() {
        PruningRoundPersistable round = new PruningRoundPersistable("s", "w", 5, 3, 1200, 0.875,
                new double[] {0.5, Double.NaN, 0.25});
        PruningRoundPersistable back = new PruningRoundPersistable();
        back.decode(round.encode());
        assertEquals(round, back);
        assertEquals(PruningRoundPersistable.TYPE_ID, back.getTypeID());
        assertEquals(3, back.round());
        assertEquals(1200, back.iteration());
        assertEquals(0.875, back.sparsity());
        assertArrayEquals(new double[] {0.5, Double.NaN, 0.25}, back.ipr());
        assertEquals(0.375, back.meanIpr());
        assertEquals(0.5, back.maxIpr());
        assertTrue(back.toString().contains("round=3"), back.toString());

        RecordStaticInfo info = new RecordStaticInfo("s", PruningRoundPersistable.TYPE_ID, "w", 4);
        RecordStaticInfo infoBack = new RecordStaticInfo();
        infoBack.decode(info.encode());
        assertEquals(info, infoBack);
        assertThrows(IllegalArgumentException.class, () -> new KurtosisPersistable().decode(info.encode()));
    }

    @Test
    void invalidArgumentsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PruningRoundPersistable("s", "w", 1, 0, 0, 1.5, new double[] {0.5}));
        assertEquals("sparsity must be a number in [0, 1], got 1.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PruningRoundPersistable("s", "w", 1, -1, 0, 0.5, new double[] {0.5}));
        assertEquals("round must be an integer >= 0, got -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PruningRoundPersistable("s", "w", 1, 0, 0, 0.5, new double[0]));
        assertEquals("ipr length must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KurtosisStatsStorageSink(null, "s", "w"));
        assertEquals("router must be given, got null", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KurtosisStatsStorageSink(new InMemoryStatsStorage()).accept(null));
        assertEquals("record must be given, got null", e.getMessage());
    }
}
