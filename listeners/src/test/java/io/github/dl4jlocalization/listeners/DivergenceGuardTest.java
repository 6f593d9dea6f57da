package io.github.dl4jlocalization.listeners;

import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.dl4jlocalization.listeners.FileRecordSinkTest.assertRecordEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DivergenceGuardTest {
    @TempDir
    Path dir;

    /** Counts the updates that reached the listeners after the guard. */
    private static final class StepCounter extends BaseTrainingListener {
        int steps;

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            steps++;
        }
    }

    @Test
    void aHugeLearningRateStopsFitWithTheStepAndTheFileRecordsStayIntact() throws IOException {
        double lr = 1e6;
        MultiLayerNetwork net = Fixtures.network(lr);
        Path csv = dir.resolve("fields.csv");
        Path jsonl = dir.resolve("fields.jsonl");
        InMemoryRecordSink<ReceptiveFieldRecord> memory = new InMemoryRecordSink<>();
        CsvRecordSink<ReceptiveFieldRecord> csvSink = new CsvRecordSink<>(csv, false);
        JsonLinesRecordSink<ReceptiveFieldRecord> jsonSink = new JsonLinesRecordSink<>(jsonl, false);
        StepCounter after = new StepCounter();
        net.setListeners(new DivergenceGuard(),
                new ReceptiveFieldListener.Builder(1).sink(memory).sink(csvSink).sink(jsonSink).build(), after);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> net.fit(Fixtures.data(50, 100, 1)));

        // the step just checked is the last one DL4J counted; no later listener saw it
        assertEquals(net.getIterationCount() + 1, e.step());
        assertEquals(e.step() - 1, after.steps);
        assertEquals(e.step() - 1, memory.size());
        assertTrue(e.step() < 100, "it diverges well within the epoch: step " + e.step());
        assertEquals(0, e.epoch());
        assertEquals(lr, e.learningRate());
        assertTrue(e.reason().startsWith("score is ") || e.reason().startsWith("parameter "), e.reason());
        assertTrue(e.getMessage().startsWith("Training diverged at step " + e.step() + " (epoch 0): " + e.reason()),
                e.getMessage());
        assertTrue(e.getMessage().contains("Try a smaller learning rate (the first layer's is 1000000.0)"), e.getMessage());

        // the files hold every record accepted before, complete and parseable, even unclosed
        List<ReceptiveFieldRecord> records = memory.records();
        List<ReceptiveFieldRecord> fromJson = JsonLinesRecordSink.read(jsonl, ReceptiveFieldRecord.class);
        assertEquals(records.size(), fromJson.size());
        for (int i = 0; i < records.size(); i++) {
            assertRecordEquals(records.get(i), fromJson.get(i));
        }
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(records.size() + 1, rows.size());
        int columns = records.get(0).csvColumns().size();
        assertEquals(String.join(",", records.get(0).csvColumns()), rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            assertEquals(columns, cells.length, "row " + i);
            assertEquals(records.get(i - 1).iteration(), Long.parseLong(cells[0]));
            assertEquals(records.get(i - 1).score(), Double.parseDouble(cells[3]));
        }
        csvSink.close();
        jsonSink.close();
    }

    @Test
    void nonFiniteParametersAreNamedAndTheScoreIsCheckedFirst() {
        MultiLayerNetwork net = Fixtures.network(0.25);
        DivergenceGuard guard = new DivergenceGuard();
        net.setScore(0.5);
        assertDoesNotThrow(() -> guard.check(net, 3, 0));
        // finite parameters whose sum overflows are not a divergence
        net.getParam("0_W").putScalar(0, Double.MAX_VALUE);
        net.getParam("0_W").putScalar(1, Double.MAX_VALUE);
        assertDoesNotThrow(() -> guard.check(net, 3, 0));

        net.getParam("1_W").putScalar(0, Double.POSITIVE_INFINITY);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> guard.check(net, 3, 0));
        assertEquals("parameter 1_W contains NaN or infinite values", e.reason());
        assertEquals(3, e.step());
        assertEquals("Training diverged at step 3 (epoch 0): parameter 1_W contains NaN or infinite values. "
                + "Try a smaller learning rate (the first layer's is 0.25).", e.getMessage());

        net.getParam("0_W").putScalar(5, Double.NaN);
        assertEquals("parameter 0_W contains NaN or infinite values",
                assertThrows(TrainingDivergedException.class, () -> guard.check(net, 4, 1)).reason());

        net.setScore(Double.NaN);
        e = assertThrows(TrainingDivergedException.class, () -> guard.check(net, 5, 1));
        assertEquals("score is NaN", e.reason());
        assertEquals(1, e.epoch());
    }

    @Test
    void checksOnlyEveryNSteps() {
        MultiLayerNetwork net = Fixtures.network(0.25);
        net.setScore(Double.NaN);
        DivergenceGuard guard = new DivergenceGuard(5);
        assertDoesNotThrow(() -> guard.iterationDone(net, 3, 0));     // step 4
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> guard.iterationDone(net, 4, 0));                 // step 5
        assertEquals(5, e.step());
    }

    @Test
    void configurationSerialisationAndToString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DivergenceGuard(0));
        assertEquals("frequency must be an integer >= 1, got 0", e.getMessage());
        DivergenceGuard guard = SerializationUtils.clone(new DivergenceGuard(7));
        assertEquals(7, guard.frequency());
        assertEquals(1, new DivergenceGuard().frequency());
        assertTrue(guard.toString().contains("frequency=7"), guard.toString());
        TrainingDivergedException unknownRate = new TrainingDivergedException(2, 0, "score is NaN", Double.NaN);
        assertEquals("Training diverged at step 2 (epoch 0): score is NaN. Try a smaller learning rate.",
                unknownRate.getMessage());
    }
}
