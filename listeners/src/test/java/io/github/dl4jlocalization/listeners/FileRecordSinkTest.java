package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.ConnectionLocality;
import io.github.dl4jlocalization.metrics.SignedPeak;
import org.apache.commons.lang3.SerializationUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV and JSON-lines sinks: layout, flushing, append/resume and reading back. */
class FileRecordSinkTest {
    @TempDir
    Path dir;

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void csvHasTheDocumentedHeaderAndRowsAndIsFlushedPerRecord() throws IOException {
        Path file = dir.resolve("sub/fields.csv");
        CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, false);
        assertFalse(Files.exists(file), "opened lazily");
        sink.accept(Fixtures.record(5, true, 1000));
        // read while the sink is still open: the row must already be on disk
        assertEquals(List.of(
                "iteration,epoch,timestampMillis,score,meanIpr,maxIpr,ipr_0,ipr_1,peak_0,peak_1,sign_0,sign_1",
                "5,1,1000,5.25,0.5,0.5,0.5,NaN,1,0,-1,0"), lines(file));
        sink.accept(Fixtures.record(6, false, 1001));
        assertEquals("6,1,1001,6.25,0.5,0.5,0.5,NaN,1,0,-1,0", lines(file).get(2));
        sink.close();
        assertEquals(3, lines(file).size());
    }

    /** Kurtosis records: their summary, then the pre-activation kurtosis per unit. */
    @Test
    void csvTakesKurtosisRecordsUnderTheirOwnHeader() throws IOException {
        Path file = dir.resolve("kurtosis.csv");
        try (CsvRecordSink<KurtosisRecord> sink = new CsvRecordSink<>(file, false)) {
            // before the first training batch: no input samples, no per-pixel values yet
            sink.accept(new KurtosisRecord(0, 0, 0, new double[0], new double[] {0.5, -0.25}, 8));
            sink.accept(new KurtosisRecord(10, 0, 300, new double[] {-1.5, -1.25, -1}, new double[] {1, 2}, 9));
        }
        assertEquals(List.of(
                "iteration,epoch,timestampMillis,inputSamples,meanInputKurtosis,meanPreActivationKurtosis,"
                        + "preActivationKurtosis_0,preActivationKurtosis_1",
                "0,0,8,0,NaN,0.125,0.5,-0.25",
                "10,0,9,300,-1.25,1.5,1.0,2.0"), lines(file));
    }

    /** Pruning rounds: the round's summary, then IPR, kept inputs, span, runs and kurtosis per unit. */
    @Test
    void csvTakesPruningRoundRecordsUnderTheirOwnHeader() throws IOException {
        Path file = dir.resolve("rounds.csv");
        PruningRoundRecord round = new PruningRoundRecord(false, 2, 300, 0.36, 0.488, 0.75, 0.125,
                new double[] {0.5, Double.NaN}, new int[] {3, 0}, new int[] {4, 0}, new int[] {1, 0},
                8, new long[] {1, 1, 1, 0}, new double[] {-0.5, Double.NaN}, 0.25, -0.125, null, 11);
        try (CsvRecordSink<PruningRoundRecord> sink = new CsvRecordSink<>(file, false)) {
            sink.accept(round);
        }
        assertEquals(List.of(
                "oneShot,round,steps,timestampMillis,sparsity,sparsityAfterPruning,accuracy,loss,meanIpr,meanSpan,"
                        + "meanRandomSpan,meanDisplacement,randomDisplacementMean,"
                        + "meanPreActivationKurtosis,cavityPruned,cavityKept,ipr_0,ipr_1,keptInputs_0,keptInputs_1,"
                        + "span_0,span_1,runs_0,runs_1,preActivationKurtosis_0,preActivationKurtosis_1",
                // unit 0 kept 3 of D = 8 inputs spanning 4 sites, pairs at displacements 1, 2, 3 (mean 2);
                // random placement: displacement mean (2 (1 + 2 + 3) + 4) / 7 = 16/7
                "false,2,300,11,0.36,0.488,0.75,0.125,0.5,4.0," + ConnectionLocality.randomSpanMean(8, 3) + ",2.0,"
                        + 16.0 / 7 + ",-0.5,0.25,-0.125,0.5,NaN,3,0,4,0,1,0,-0.5,NaN"),
                lines(file));
        assertEquals(round.csvColumns().size(), round.csvValues().size());
    }

    /** One file, one record type and shape: a record with other columns is refused, nothing written. */
    @Test
    void csvRefusesRecordsOfAnotherTypeOrShape() throws IOException {
        Path file = dir.resolve("mixed.csv");
        CsvRecordSink<ListenerRecord> sink = new CsvRecordSink<>(file, false);
        sink.accept(Fixtures.record(1, false, 1));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.accept(new KurtosisRecord(2, 0, 10, new double[] {1}, new double[0], 2)));
        assertTrue(e.getMessage().contains("one record type and shape per file"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> sink.accept(new ReceptiveFieldRecord(3, 0, 0,
                new double[] {0.5}, new SignedPeak[] {new SignedPeak(0, 1)}, null, 3)));
        sink.close();
        assertEquals(2, lines(file).size());
    }

    @Test
    void csvValuesParseBackExactly() throws IOException {
        Path file = dir.resolve("exact.csv");
        double score = 0.1 + 0.2;   // 0.30000000000000004: needs 17 digits
        ReceptiveFieldRecord r = new ReceptiveFieldRecord(1, 0, score, new double[] {1.0 / 3},
                new SignedPeak[] {new SignedPeak(0, 1)},
                null, 7);
        try (CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, false)) {
            sink.accept(r);
        }
        String[] row = lines(file).get(1).split(",");
        assertEquals(score, Double.parseDouble(row[3]));
        assertEquals(1.0 / 3, Double.parseDouble(row[6]));
    }

    @Test
    void withoutAppendAnExistingFileIsReplacedAndWithAppendResumed() throws IOException {
        Path file = dir.resolve("run.csv");
        Files.writeString(file, "old content\n");
        String header = String.join(",", Fixtures.record(1, false, 1).csvColumns());
        try (CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, false)) {
            sink.accept(Fixtures.record(1, false, 1));
        }
        assertEquals(2, lines(file).size());
        assertEquals(header, lines(file).get(0));

        // resume: a new sink appending writes no second header
        try (CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, true)) {
            sink.accept(Fixtures.record(2, false, 2));
        }
        List<String> lines = lines(file);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,") && lines.get(2).startsWith("2,"), lines.toString());

        // appending to a missing file starts it with the header
        Path fresh = dir.resolve("fresh.csv");
        try (CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(fresh, true)) {
            sink.accept(Fixtures.record(3, false, 3));
        }
        assertEquals(header, lines(fresh).get(0));
    }

    @Test
    void aWriteFailureNamesTheFileAndTheOperatingSystemsReason() throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain"), "x");
        Path file = notADirectory.resolve("fields.csv");
        CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, false);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> sink.accept(Fixtures.record(1, false, 1)));
        assertTrue(e.getMessage().startsWith("cannot write a record to " + file + ": ")
                && e.getMessage().contains(notADirectory.toString()), e.getMessage());
    }

    @Test
    void appendingRowsOfAnotherLayoutIsRefusedAndWritesNothing() throws IOException {
        Path file = dir.resolve("k2.csv");
        Files.writeString(file, "iteration,epoch,timestampMillis,score,meanIpr,maxIpr,ipr_0\n");
        CsvRecordSink<ReceptiveFieldRecord> sink = new CsvRecordSink<>(file, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> sink.accept(Fixtures.record(1, false, 1)));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
        assertEquals(1, lines(file).size());
    }

    @Test
    void reopeningAfterCloseOrDeserialisationAppendsInsteadOfTruncating() throws IOException {
        Path file = dir.resolve("reopen.jsonl");
        JsonLinesRecordSink<ReceptiveFieldRecord> sink = new JsonLinesRecordSink<>(file, false);
        sink.accept(Fixtures.record(1, true, 1));
        sink.close();
        sink.accept(Fixtures.record(2, true, 2));   // reopens
        JsonLinesRecordSink<ReceptiveFieldRecord> copy = SerializationUtils.clone(sink);
        sink.close();
        copy.accept(Fixtures.record(3, true, 3));
        copy.close();
        assertEquals(List.of(1L, 2L, 3L), JsonLinesRecordSink.read(file, ReceptiveFieldRecord.class).stream()
                .map(ReceptiveFieldRecord::iteration).toList());
        assertEquals(file, copy.file());
        assertFalse(copy.append());
    }

    @Test
    void jsonLinesRoundTripEveryComponentIncludingWeightsAndNaN() throws IOException {
        Path file = dir.resolve("fields.jsonl");
        ReceptiveFieldRecord with = Fixtures.record(10, true, 123);
        ReceptiveFieldRecord without = Fixtures.record(20, false, 456);
        try (JsonLinesRecordSink<ReceptiveFieldRecord> sink = new JsonLinesRecordSink<>(file, false)) {
            sink.accept(with);
            assertEquals(1, lines(file).size(), "flushed while open");
            sink.accept(without);
        }
        List<String> raw = lines(file);
        assertEquals(2, raw.size());
        assertTrue(raw.get(0).startsWith("{\"iteration\":10,\"epoch\":1,"), raw.get(0));
        assertTrue(raw.get(0).contains("\"peaks\":[{\"index\":1,\"sign\":-1},{\"index\":0,\"sign\":0}]"), raw.get(0));
        assertTrue(raw.get(0).contains("\"NaN\""), raw.get(0));
        assertTrue(raw.get(1).contains("\"receptiveFields\":null"), raw.get(1));

        List<ReceptiveFieldRecord> back = JsonLinesRecordSink.read(file, ReceptiveFieldRecord.class);
        assertRecordEquals(with, back.get(0));
        assertRecordEquals(without, back.get(1));
    }

    @Test
    void jsonLinesWritesKurtosisRecords() {
        Path file = dir.resolve("kurtosis.jsonl");
        KurtosisRecord r = new KurtosisRecord(3, 0, 300, new double[] {-1.5, -1.25}, new double[] {0.5}, 9);
        try (JsonLinesRecordSink<KurtosisRecord> sink = new JsonLinesRecordSink<>(file, false)) {
            sink.accept(r);
        }
        KurtosisRecord back = JsonLinesRecordSink.read(file, KurtosisRecord.class).get(0);
        assertEquals(300, back.inputSamples());
        assertArrayEquals(r.inputKurtosis(), back.inputKurtosis());
        assertArrayEquals(r.preActivationKurtosis(), back.preActivationKurtosis());
    }

    @Test
    void readingAMalformedLineNamesIt() throws IOException {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, "{\"iteration\":1}\nnot json\n");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> JsonLinesRecordSink.read(file, KurtosisRecord.class));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void inMemorySinkKeepsOrderAndReturnsSnapshots() {
        InMemoryRecordSink<ReceptiveFieldRecord> sink = new InMemoryRecordSink<>();
        assertNull(sink.latest());
        sink.accept(Fixtures.record(1, false, 1));
        List<ReceptiveFieldRecord> snapshot = sink.records();
        sink.accept(Fixtures.record(2, false, 2));
        assertEquals(1, snapshot.size(), "a snapshot does not change");
        assertEquals(2, sink.size());
        assertEquals(2, sink.latest().iteration());
        assertThrows(UnsupportedOperationException.class, () -> snapshot.add(null));
        assertEquals(2, SerializationUtils.clone(sink).records().size());
        assertThrows(IllegalArgumentException.class, () -> sink.accept(null));
    }

    @Test
    void toStringNamesTheFileAndMode() {
        String s = new CsvRecordSink<>(dir.resolve("x.csv"), true).toString();
        assertTrue(s.contains("CsvRecordSink") && s.contains("x.csv") && s.contains("append=true"), s);
    }

    static void assertRecordEquals(ReceptiveFieldRecord expected, ReceptiveFieldRecord actual) {
        assertEquals(expected.iteration(), actual.iteration());
        assertEquals(expected.epoch(), actual.epoch());
        assertEquals(expected.score(), actual.score());
        assertArrayEquals(expected.ipr(), actual.ipr());
        assertArrayEquals(expected.peaks(), actual.peaks());
        if (expected.hasReceptiveFields()) {
            assertArrayEquals(expected.receptiveFields(), actual.receptiveFields());
        } else {
            assertNull(actual.receptiveFields());
        }
        assertEquals(expected.timestampMillis(), actual.timestampMillis());
    }
}
