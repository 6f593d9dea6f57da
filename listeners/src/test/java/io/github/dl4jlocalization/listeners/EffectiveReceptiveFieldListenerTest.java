package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.rf.EffectiveReceptiveField;
import io.github.dl4jlocalization.rf.NetworkUnit;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EffectiveReceptiveFieldListenerTest {
    private static final int C = 3;

    @TempDir
    Path dir;

    /** The project's circular CNN on a ring of D = 12, C = 3 filters of width 4, tanh. */
    private static MultiLayerNetwork cnn() {
        return ConvolutionalNetwork.builder(Fixtures.D).channels(C).filterWidth(4).activation(HiddenActivation.TANH)
                .initScale(1).learningRate(0.5).seed(5).build().network();
    }

    private static INDArray heldOut() {
        return Fixtures.data(64, 1, 99).next().getFeatures();
    }

    @Test
    void recordsEveryChannelAtTheCentreEveryNStepsAsTheLibraryComputesIt() {
        MultiLayerNetwork net = cnn();
        InMemoryRecordSink<EffectiveReceptiveFieldRecord> sink = new InMemoryRecordSink<>();
        EffectiveReceptiveFieldListener listener = new EffectiveReceptiveFieldListener(5, "layer0", heldOut(), sink);
        net.setListeners(listener);
        listener.recordNow(net);
        net.fit(Fixtures.data(20, 20, 1));

        List<EffectiveReceptiveFieldRecord> records = sink.records();
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L), records.stream().map(EffectiveReceptiveFieldRecord::iteration)
                .toList());
        EffectiveReceptiveFieldRecord last = records.get(records.size() - 1);
        assertEquals("layer0", last.layer());
        assertArrayEquals(new long[] {Fixtures.D}, last.inputShape());
        assertArrayEquals(new boolean[] {true}, last.periodic(), "circular padding: a ring");
        assertEquals(C, last.unitCount());
        for (int c = 0; c < C; c++) {
            EffectiveReceptiveField direct = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", c), heldOut());
            assertEquals(direct.unit().toString(), last.units()[c]);
            assertArrayEquals(direct.mean(), last.fields()[c], "the record holds the library's field");
            assertEquals(direct.statistics().ipr(), last.ipr()[c]);
            assertEquals(direct.statistics().width(), last.width()[c]);
            assertArrayEquals(direct.statistics().centre(), last.centre()[c]);
            assertEquals(4, direct.support().length, "a filter of width 4");
        }
    }

    @Test
    void recordingLeavesTrainingBitIdentical() {
        MultiLayerNetwork watched = cnn();
        MultiLayerNetwork plain = cnn();
        watched.setListeners(new EffectiveReceptiveFieldListener(2, "layer0", heldOut(), new InMemoryRecordSink<>()));
        watched.fit(Fixtures.data(20, 10, 1));
        plain.fit(Fixtures.data(20, 10, 1));
        assertEquals(plain.params(), watched.params());
        assertEquals(plain.score(), watched.score());
    }

    /** A dense unit's effective field is its weights times a mean slope: the same IPR as the weights'. */
    @Test
    void aDenseUnitsFieldHasTheIprOfItsWeights() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        InMemoryRecordSink<EffectiveReceptiveFieldRecord> effective = new InMemoryRecordSink<>();
        InMemoryRecordSink<ReceptiveFieldRecord> weights = new InMemoryRecordSink<>();
        net.setListeners(new EffectiveReceptiveFieldListener.Builder(5).layer("0").heldOutBatch(heldOut())
                .sink(effective).build(), new ReceptiveFieldListener(5, weights));
        net.fit(Fixtures.data(20, 10, 1));
        for (int r = 0; r < 2; r++) {
            EffectiveReceptiveFieldRecord e = effective.records().get(r);
            ReceptiveFieldRecord w = weights.records().get(r);
            assertEquals(Fixtures.K, e.unitCount());
            for (int k = 0; k < Fixtures.K; k++) {
                assertEquals(w.ipr()[k], e.ipr()[k], 1e-12, "unit " + k + " at step " + w.iteration());
                assertEquals(LocalizationMetrics.ipr(w.receptiveFields()[k]), e.ipr()[k], 1e-12);
            }
        }
    }

    @Test
    void chosenUnitsWithoutFieldsAndAMassFraction() {
        MultiLayerNetwork net = cnn();
        EffectiveReceptiveFieldListener listener = new EffectiveReceptiveFieldListener.Builder(1).layer("layer0")
                .unit(NetworkUnit.at("layer0", 2, 0)).heldOutBatch(heldOut()).snapshotFields(false).massFraction(0.5)
                .build();
        EffectiveReceptiveFieldRecord r = listener.recordNow(net);
        assertEquals(1, r.unitCount());
        assertEquals("layer0 c2 @ [0]", r.units()[0]);
        assertNull(r.fields());
        assertEquals(0.5, r.massFraction());
        assertTrue(r.width()[0] >= 1 && r.width()[0] <= 4);
    }

    @Test
    void csvJsonLinesAndStatsStorageSinksGetEveryRecord() throws IOException {
        MultiLayerNetwork net = cnn();
        Path csv = dir.resolve("erf.csv");
        Path jsonl = dir.resolve("erf.jsonl");
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        EffectiveReceptiveFieldListener listener = new EffectiveReceptiveFieldListener.Builder(4).layer("layer0")
                .heldOutBatch(heldOut()).sink(new CsvRecordSink<>(csv, false))
                .sink(new JsonLinesRecordSink<>(jsonl, false))
                .sink(new StatsStorageRecordSink(storage, "s", "w")).build();
        net.setListeners(listener);
        net.fit(Fixtures.data(20, 8, 1));
        listener.close();

        List<String> lines = Files.readAllLines(csv);
        // 8 leading columns, then ipr, width and second-moment width per unit, one centre per unit and axis
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("iteration", "epoch", "timestampMillis", "score", "layer", "meanIpr", "maxIpr",
                "meanWidth", "ipr_0"), header.subList(0, 9));
        assertEquals(8 + 3 * C + C, header.size());
        assertEquals("width_0", header.get(8 + C));
        assertEquals("centre_" + (C - 1) + "_0", header.get(header.size() - 1));
        assertEquals(header.size(), lines.get(1).split(",").length);
        assertEquals(3, lines.size(), "header and the records at steps 4 and 8");
        assertTrue(lines.get(2).startsWith("8,0,"), lines.get(2));
        List<EffectiveReceptiveFieldRecord> back = JsonLinesRecordSink.read(jsonl, EffectiveReceptiveFieldRecord.class);
        assertEquals(2, back.size());
        assertEquals(8, back.get(1).iteration());
        assertEquals(C, back.get(1).fields().length);
        assertStored(storage, back);
    }

    private static void assertStored(StatsStorage storage, List<EffectiveReceptiveFieldRecord> expected) {
        String type = EffectiveReceptiveFieldPersistable.TYPE_ID;
        assertInstanceOf(RecordStaticInfo.class, storage.getStaticInfo("s", type, "w"));
        List<Persistable> updates = storage.getAllUpdatesAfter("s", type, "w", 0);
        assertEquals(expected.size(), updates.size());
        for (int i = 0; i < updates.size(); i++) {
            EffectiveReceptiveFieldRecord r = ((EffectiveReceptiveFieldPersistable) updates.get(i)).toRecord();
            EffectiveReceptiveFieldRecord e = expected.get(i);
            assertEquals(e.iteration(), r.iteration());
            assertEquals(e.layer(), r.layer());
            assertArrayEquals(e.units(), r.units());
            assertArrayEquals(e.ipr(), r.ipr());
            assertArrayEquals(e.width(), r.width());
            assertArrayEquals(e.secondMomentWidth(), r.secondMomentWidth());
            assertArrayEquals(e.centre(), r.centre());
            assertArrayEquals(e.fields(), r.fields());
            assertArrayEquals(e.inputShape(), r.inputShape());
            assertArrayEquals(e.periodic(), r.periodic());
        }
    }

    @Test
    void aFileStorageDecodesTheRecordsInAnotherInstance() {
        java.io.File file = dir.resolve("ui.bin").toFile();
        FileStatsStorage writer = new FileStatsStorage(file);
        InMemoryRecordSink<EffectiveReceptiveFieldRecord> memory = new InMemoryRecordSink<>();
        EffectiveReceptiveFieldListener listener = new EffectiveReceptiveFieldListener.Builder(1).layer("layer0")
                .heldOutBatch(heldOut()).sink(memory).sink(new StatsStorageRecordSink(writer, "s", "w"))
                .build();
        MultiLayerNetwork net = cnn();
        listener.recordNow(net);
        listener.recordNow(net);   // the same millisecond: stamped one later, not overwritten
        writer.close();
        FileStatsStorage reader = new FileStatsStorage(file);
        try {
            assertStored(reader, memory.records());
        } finally {
            reader.close();
        }
    }

    @Test
    void serialisesWithItsHeldOutBatchAndStillRecords() {
        EffectiveReceptiveFieldListener listener = new EffectiveReceptiveFieldListener(3, "layer0", heldOut(),
                new InMemoryRecordSink<>());
        EffectiveReceptiveFieldListener copy = SerializationUtils.clone(listener);
        MultiLayerNetwork net = cnn();
        assertArrayEquals(listener.recordNow(net).fields(), copy.recordNow(net).fields());
        assertEquals(listener.toString(), copy.toString());
        assertTrue(copy.toString().contains("layer=layer0") && copy.toString().contains("heldOut=[64, 12]"),
                copy.toString());
    }

    @Test
    void invalidConfigurationIsRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EffectiveReceptiveFieldListener.Builder(0)).getMessage().startsWith("frequency"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EffectiveReceptiveFieldListener.Builder(1).heldOutBatch(heldOut()).build()).getMessage()
                .startsWith("layer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EffectiveReceptiveFieldListener.Builder(1).layer("layer0").build()).getMessage()
                .startsWith("heldOutBatch"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EffectiveReceptiveFieldListener.Builder(1).layer("layer0").heldOutBatch(heldOut())
                        .unit(NetworkUnit.centre("layer1", 0)).build()).getMessage().startsWith("unit"));
        EffectiveReceptiveFieldListener unknown = new EffectiveReceptiveFieldListener(1, "nope", heldOut(),
                new InMemoryRecordSink<>());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> unknown.recordNow(cnn())).getMessage()
                .startsWith("layer must be"));
    }
}
