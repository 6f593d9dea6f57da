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

/** Kurtosis and pruning-round records in DL4J's stats storages, next to receptive-field records, through one sink. */
class StatsStorageRecordTypesTest {
    private static final String TYPE = KurtosisPersistable.TYPE_ID;

    @TempDir
    Path dir;

    /** Two records of the same millisecond: the second must not overwrite the first. */
    private static List<KurtosisRecord> records() {
        return List.of(new KurtosisRecord(10, 0, 500, new double[] {-0.5, Double.NaN, 0.25}, new double[] {1.5, 2}, 7000),
                new KurtosisRecord(20, 0, 500, new double[] {-0.75, -1, 0}, new double[0], 7000));
    }

    private static void post(StatsStorage storage) {
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "session", "worker");
        sink.accept(Fixtures.record(10, true, 7000));
        records().forEach(sink::accept);   // a stream of their own: stamps from 7000 again
        sink.close();
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

    private static PruningRoundRecord round(boolean oneShot, int round, long steps, double sparsity, long time) {
        return new PruningRoundRecord(oneShot, round, steps, sparsity, sparsity, 0.75, 0.125,
                new double[] {0.5 + 0.1 * round, Double.NaN}, new int[] {3, 0}, new int[] {3, 0}, new int[] {1, 0},
                4, new long[] {2, 1}, new double[] {-0.5, Double.NaN}, 0.25, -0.125, null, time);
    }

    /**
     * Pruning rounds of a pruning experiment: the iterative rounds under the sink's worker (what
     * the dashboard shows), the one-shot baseline's under a worker of its own.
     */
    @Test
    void pruningRoundsArePostedIterativeAndOneShotApart() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageRecordSink sink = new StatsStorageRecordSink(storage, "session", "worker");
        sink.accept(round(false, 0, 100, 0, 50));
        sink.accept(round(false, 1, 200, 0.2, 50));
        sink.accept(round(true, 0, 100, 0, 60));
        sink.accept(round(true, 1, 200, 0.36, 61));
        String type = PruningRoundPersistable.TYPE_ID;
        assertEquals(List.of("worker", "worker" + StatsStorageRecordSink.ONE_SHOT_WORKER_SUFFIX),
                storage.listWorkerIDsForSessionAndType("session", type).stream().sorted().toList());
        assertInstanceOf(RecordStaticInfo.class, storage.getStaticInfo("session", type, "worker"));
        List<Persistable> iterative = storage.getAllUpdatesAfter("session", type, "worker", 0);
        assertEquals(2, iterative.size());
        PruningRoundPersistable second = (PruningRoundPersistable) iterative.get(1);
        assertEquals(1, second.round());
        assertEquals(200, second.iteration());
        assertEquals(0.2, second.sparsity());
        assertArrayEquals(new double[] {0.5 + 0.1, Double.NaN}, second.ipr());
        assertEquals(51, second.getTimeStamp(), "same millisecond as round 0: the next one");
        List<Persistable> oneShot = storage.getAllUpdatesAfter("session", type,
                "worker" + StatsStorageRecordSink.ONE_SHOT_WORKER_SUFFIX, 0);
        assertEquals(List.of(0, 1), oneShot.stream().map(p -> ((PruningRoundPersistable) p).round()).toList());
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
        e = assertThrows(IllegalArgumentException.class,
                () -> new StatsStorageRecordSink(new InMemoryStatsStorage()).accept(null));
        assertEquals("record must be given, got null", e.getMessage());
    }
}
