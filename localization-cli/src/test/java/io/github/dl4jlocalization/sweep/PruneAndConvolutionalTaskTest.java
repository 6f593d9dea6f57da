package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.listeners.PruningMasks;
import io.github.dl4jlocalization.listeners.PruningScope;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code prune} and {@code cnn} unit kinds, through grid maps and {@link WorkUnit#execute}. */
class PruneAndConvolutionalTaskTest {
    private static final Map<String, Object> BASE = Map.of("data", Map.of("length", 10, "gain", 100, "xi", "1,3"),
            "hidden", 3, "lr", 1.0, "batch", 100, "steps", 15, "recordEvery", 5, "checkpointEvery", 0,
            "evalSize", 200);

    @Test
    void pruneSettingsRoundTripAndDefaultToThePruneCommand() {
        assertEquals(PruneTask.defaults(), UnitTasks.fromMap(Map.of("kind", "prune")));
        PruneTask t = (PruneTask) UnitTasks.fromMap(Map.of("kind", "prune", "rate", 0.5, "rounds", 2,
                "scope", "global", "rewind", 3, "baseline", false, "heldOut", 50));
        assertEquals(new PruneTask(0.5, 2, PruningScope.GLOBAL, 3, false, 50, 1, false, 0), t);
        assertEquals(t, UnitTasks.fromMap(t.toMap()));
        assertEquals(PruneTask.defaults(), UnitTasks.fromMap(PruneTask.defaults().toMap()));
        assertEquals("init", PruneTask.defaults().settings().get("rewind"));
        assertEquals("evalSize", PruneTask.defaults().settings().get("heldOut"));
        assertMessage("rate must be a fraction in (0, 1), got 1", Map.of("kind", "prune", "rate", 1));
        assertMessage("scope must be one of first-layer, per-layer, global, hidden-layers, got 'all'",
                Map.of("kind", "prune", "scope", "all"));
        assertMessage("rewind must be init or a step count >= 0, got 'start'", Map.of("kind", "prune", "rewind", "start"));
        assertMessage("baseline", Map.of("kind", "prune", "baseline", "yes"));
        assertMessage("task setting must be one of baseline, batchNorm, heldOut, hiddenLayers, rate, rewind, rounds, "
                + "scope, stopBelowConnectedUnits for kind prune",
                Map.of("kind", "prune", "lr", 1));
    }

    @Test
    void cnnSettingsRoundTrip() {
        assertEquals(new ConvolutionalTask(ConvolutionalNetwork.DEFAULT_CHANNELS, null),
                UnitTasks.fromMap(Map.of("kind", "cnn")));
        ConvolutionalTask t = new ConvolutionalTask(4, 3);
        assertEquals(t, UnitTasks.fromMap(t.toMap()));
        assertEquals(10, new ConvolutionalTask(2, null).width(RunConfig.fromMap(Map.of("data", Map.of("length", 40)))));
        assertMessage("channels", Map.of("kind", "cnn", "channels", 0));
        assertMessage("filterWidth", Map.of("kind", "cnn", "filterWidth", 0));
    }

    @Test
    void aPruneUnitReportsTheFinalImpPhaseAndBothProtocolsMeasures(@TempDir Path dir) throws IOException {
        WorkUnit unit = SweepGrid.fromMap(Map.of("base", BASE, "task",
                Map.of("kind", "prune", "rate", 0.5, "rounds", 2, "heldOut", 200))).units().get(0);
        UnitResult r = unit.execute(dir);
        assertEquals(UnitResult.Status.COMPLETED, r.status(), r.toString());
        assertEquals(List.of("finalSparsity", "impMeanIpr", "impMaxIpr", "impKurtosis", "impSpan", "impRandomSpan",
                "impDisplacement", "randomDisplacement", "impAccuracy", "denseMeanIpr", "denseKurtosis",
                "oneShotMeanIpr", "oneShotMaxIpr", "oneShotKurtosis", "oneShotSpan", "oneShotRandomSpan",
                "oneShotDisplacement", "oneShotAccuracy"), List.copyOf(r.measures().keySet()));
        // random placement on D = 10 inputs: mean pair displacement (2 (1 + 2 + 3 + 4) + 5) / 9
        assertEquals(25.0 / 9, r.measures().get("randomDisplacement"), 1e-12);
        // 3 units x 10 inputs, two halvings
        assertEquals(1 - PruningMasks.keptTarget(30, 0.25) / 30.0, r.measures().get("finalSparsity"), 1e-12);
        // the unit's summary is the final IMP phase: its IPRs are those of the last rounds.csv row
        List<String> rounds = Files.readAllLines(dir.resolve(PruningRun.ROUNDS));
        assertEquals(4, rounds.size());
        String[] last = rounds.get(3).split(",");
        assertEquals(Double.parseDouble(last[6]), r.meanIpr(), 1e-12);
        assertEquals(Double.parseDouble(last[7]), r.maxIpr(), 1e-12);
        assertEquals(Double.parseDouble(last[5]), r.accuracy(), 1e-12);
        assertEquals(r.meanIpr(), r.measures().get("impMeanIpr"), 1e-12);
        assertEquals(3, Files.readAllLines(dir.resolve(PruningRun.ONE_SHOT)).size());
        assertTrue(Double.isFinite(r.inputExcessKurtosis()), r.toString());
        assertEquals(r, UnitResult.fromMap(r.toMap()));
    }

    @Test
    void aCnnUnitTrainsOnTheRunsStreamAndStoresItsFiltersAsWeights(@TempDir Path dir) throws Exception {
        WorkUnit unit = SweepGrid.fromMap(Map.of("base", BASE, "task",
                Map.of("kind", "cnn", "channels", 2, "filterWidth", 3))).units().get(0);
        assertNotEquals(WorkUnit.of(unit.point(), unit.config()).id(), unit.id(), "the task is part of the id");
        UnitResult r = unit.execute(dir.resolve("a"));
        assertEquals(UnitResult.Status.COMPLETED, r.status(), r.toString());
        List<WeightSnapshot> snapshots = new RunDirectory(dir.resolve("a")).readWeights();
        assertEquals(List.of(0L, 5L, 10L, 15L), snapshots.stream().map(WeightSnapshot::step).toList());
        ConvolutionalNetwork cnn = unit.config().convolutionalNetwork(2, 3);
        assertArrayEquals(cnn.initialFilters(), snapshots.get(0).fields(), "step 0: the seeded initial filters");
        double[][] trained = snapshots.get(3).fields();
        assertEquals(2, trained.length);
        assertEquals(3, trained[0].length);
        assertFalse(java.util.Arrays.deepEquals(trained, snapshots.get(0).fields()), "training moved the filters");
        // the final network is saved, and its filters are the ones written
        Path checkpoints = dir.resolve("a").resolve(RunDirectory.CHECKPOINTS);
        try (var files = Files.list(checkpoints)) {
            Path zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
            MultiLayerNetwork restored = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(zip.toFile());
            assertArrayEquals(trained, ConvolutionalNetwork.filters(restored));
        }
        assertEquals(LocalizationMetrics.ipr(trained[0]), r.iprPerUnit()[0], 1e-15);
        // same (task, config): the same filters, bit for bit
        unit.execute(dir.resolve("b"));
        assertArrayEquals(trained, new RunDirectory(dir.resolve("b")).readWeights().get(3).fields());
        assertTrue(Files.exists(dir.resolve("a").resolve(RunDirectory.SUMMARY)));
        assertFalse(Files.exists(dir.resolve("a").resolve(RunDirectory.CONFIG)), "not resumable as an FCN run");
    }

    private static void assertMessage(String expected, Map<String, ?> task) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitTasks.fromMap(task));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
