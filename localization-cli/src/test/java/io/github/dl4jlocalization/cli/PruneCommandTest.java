package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.StatsFile;
import io.github.dl4jlocalization.listeners.PruningMasks;
import io.github.dl4jlocalization.listeners.PruningRoundPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldPersistable;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization prune} through {@link LocalizationCli#execute}. */
class PruneCommandTest extends ConsoleCapture {
    private static final int UNITS = 4;
    private static final int LENGTH = 12;
    private static final int ROUNDS = 3;
    private static final double RATE = 0.3;

    @Test
    void writesRoundsSummaryAndPlotsWithTheBaseline(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("prune");
        int status = LocalizationCli.execute("prune", "--hidden", String.valueOf(UNITS), "--length",
                String.valueOf(LENGTH), "--batch", "200", "--steps", "20", "--rounds", String.valueOf(ROUNDS),
                "--rate", String.valueOf(RATE), "--held-out", "300", "--baseline", "--out", out.toString());
        assertEquals(0, status, stderr());

        List<String> lines = Files.readAllLines(out.resolve(PruningRun.ROUNDS));
        assertEquals(PruningRoundsCsv.HEADER, lines.get(0));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        for (String column : List.of("round", "sparsity", "loss", "accuracy", "meanIpr", "maxIpr",
                "meanPreactivationExcessKurtosis")) {
            assertTrue(header.contains(column), column);
        }
        // R prunings give R + 1 training phases, round 0 dense
        assertEquals(ROUNDS + 2, lines.size(), lines.toString());
        int n = UNITS * LENGTH;
        for (int r = 0; r <= ROUNDS; r++) {
            String[] f = lines.get(r + 1).split(",");
            assertEquals(String.valueOf(r), f[header.indexOf("round")]);
            assertEquals(20L * (r + 1), Long.parseLong(f[header.indexOf("steps")]));
            // the engine keeps exactly round(N (1-p)^r) of the N first-layer weights
            double sparsity = Double.parseDouble(f[header.indexOf("sparsity")]);
            double exact = 1 - Math.pow(1 - RATE, r);
            assertEquals(1 - (double) PruningMasks.keptTarget(n, Math.pow(1 - RATE, r)) / n, sparsity, 1e-12);
            assertEquals(exact, sparsity, 0.5 / n + 1e-12, "within the rounding of one weight in " + n);
            double accuracy = Double.parseDouble(f[header.indexOf("accuracy")]);
            assertTrue(accuracy >= 0 && accuracy <= 1, lines.get(r + 1));
            double meanIpr = Double.parseDouble(f[header.indexOf("meanIpr")]);
            double maxIpr = Double.parseDouble(f[header.indexOf("maxIpr")]);
            assertTrue(meanIpr > 0 && meanIpr <= maxIpr && maxIpr <= 1, lines.get(r + 1));
            assertTrue(Double.isFinite(Double.parseDouble(f[header.indexOf("loss")])), lines.get(r + 1));
            assertTrue(Double.isFinite(Double.parseDouble(f[header.indexOf("meanPreactivationExcessKurtosis")])));
        }

        List<String> oneShot = Files.readAllLines(out.resolve(PruningRun.ONE_SHOT));
        assertEquals(3, oneShot.size(), oneShot.toString());
        // same initial network and data: the dense phase is identical; then one pruning to the final sparsity
        assertEquals(lines.get(1).split(",")[4], oneShot.get(1).split(",")[4]);
        assertEquals(lines.get(ROUNDS + 1).split(",")[2], oneShot.get(2).split(",")[2]);

        Map<String, Object> summary = JsonFiles.readJson(out.resolve(PruningRun.SUMMARY), "summary");
        for (String key : List.of("rate", "rounds", "stepsPerRound", "scope", "rewindStep", "heldOut",
                "targetFinalSparsity", "iterative", "oneShot", "config", "version", "backend")) {
            assertTrue(summary.containsKey(key), key + " in " + summary);
        }
        assertEquals(RATE, summary.get("rate"));
        assertEquals(20, summary.get("stepsPerRound"));
        assertEquals("first-layer", summary.get("scope"));
        assertEquals(1 - Math.pow(1 - RATE, ROUNDS), ((Number) summary.get("targetFinalSparsity")).doubleValue(),
                1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> iterative = (Map<String, Object>) summary.get("iterative");
        assertEquals(ROUNDS + 1, iterative.get("records"));
        assertEquals(Double.parseDouble(lines.get(ROUNDS + 1).split(",")[header.indexOf("meanIpr")]),
                ((Number) iterative.get("finalMeanIpr")).doubleValue());

        for (int r = 0; r <= ROUNDS; r++) {
            assertTrue(Files.size(out.resolve(PruningRun.roundPlot(false, "mask", r))) > 500, "mask " + r);
            assertTrue(Files.size(out.resolve(PruningRun.roundPlot(false, "rf", r))) > 500, "rf " + r);
        }
        assertTrue(Files.exists(out.resolve(PruningRun.roundPlot(true, "mask", 1))));
        assertTrue(Files.size(out.resolve(PruningRun.IPR_PLOT)) > 1000);
        assertTrue(Files.size(out.resolve(PruningRun.KURTOSIS_PLOT)) > 1000);

        // the stats file: a session per protocol with its pruning rounds, for the dashboard's pruning section
        assertEquals("completed", summary.get("status"));
        FileStatsStorage stats = new FileStatsStorage(out.resolve(StatsFile.FILE).toFile());
        try {
            List<List<Integer>> rounds = new ArrayList<>();
            for (String session : stats.listSessionIDs()) {
                List<Integer> r = new ArrayList<>();
                // the one-shot protocol's rounds under worker "0-one-shot" (StatsStorageRecordSink), its fields under "0"
                List<String> workers = stats.listWorkerIDsForSessionAndType(session, PruningRoundPersistable.TYPE_ID);
                assertEquals(1, workers.size(), workers.toString());
                for (Persistable p : stats.getAllUpdatesAfter(session, PruningRoundPersistable.TYPE_ID, workers.get(0),
                        -1)) {
                    r.add(((PruningRoundPersistable) p).round());
                }
                rounds.add(r);
                // 20 steps per phase, records every 100: the receptive fields at the end of every phase
                assertEquals(r.size(), stats.getAllUpdatesAfter(session, ReceptiveFieldPersistable.TYPE_ID, "0", -1)
                        .size(), "the receptive fields of its phases");
            }
            rounds.sort(Comparator.comparingInt(List::size));
            assertEquals(List.of(List.of(0, 1), List.of(0, 1, 2, 3)), rounds);
        } finally {
            stats.close();
        }
    }

    @Test
    void iterativeOnlyWithLateRewindAndGlobalScope(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("prune");
        assertEquals(0, LocalizationCli.execute("prune", "--hidden", "2", "--length", "8", "--batch", "100",
                "--steps", "10", "--rounds", "2", "--rate", "0.5", "--rewind", "5", "--scope", "global",
                "--out", out.toString()), stderr());
        assertEquals(4, Files.readAllLines(out.resolve(PruningRun.ROUNDS)).size());
        assertFalse(Files.exists(out.resolve(PruningRun.ONE_SHOT)));
        assertFalse(Files.exists(out.resolve(PruningRun.roundPlot(true, "mask", 1))));
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(PruningRun.SUMMARY), "summary");
        assertEquals("global", summary.get("scope"));
        assertEquals(5, summary.get("rewindStep"));
        // the default held-out size is the run's evaluation size
        assertEquals(1000, summary.get("heldOut"));
        assertFalse(summary.containsKey("oneShot"));
        @SuppressWarnings("unchecked")
        Map<String, Object> iterative = (Map<String, Object>) summary.get("iterative");
        // 16 first-layer weights (the frozen readout is not pruned): round(16 * 0.25) = 4 kept
        assertEquals(0.75, ((Number) iterative.get("finalSparsity")).doubleValue(), 1e-12);
    }

    /**
     * A billion rounds stop by themselves once nothing is left to prune: 8 first-layer weights
     * (L = 8, one unit) at p = 0.5 keep round(8 / 2^r) = 4, 2, 1, 1 (half up) after 1..4 prunings
     * and a 5th would keep round(0.25) = 0; so 4 prunings, 5 rounds, the baseline at the same
     * sparsity, and the summary and the output say why it stopped.
     */
    @Test
    void pruningStopsWhenNothingIsLeftToPrune(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("prune");
        assertEquals(0, LocalizationCli.execute("prune", "--hidden", "1", "--length", "8", "--batch", "50",
                "--steps", "4", "--rounds", "1000000000", "--rate", "0.5", "--held-out", "50", "--baseline",
                "--out", out.toString()), stderr());
        assertEquals(1 + 5, Files.readAllLines(out.resolve(PruningRun.ROUNDS)).size(), "header and rounds 0..4");
        assertEquals(1 + 2, Files.readAllLines(out.resolve(PruningRun.ONE_SHOT)).size(), "baseline: rounds 0, 1");
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(PruningRun.SUMMARY), "summary");
        assertEquals("completed", summary.get("status"));
        assertEquals("after 4 of 1000000000 prunings: the next would leave no weight in a pruned layer (nothing "
                + "left to prune)", summary.get("stopped"));
        assertTrue(stdout().contains("stopped after 4 of 1000000000 prunings"), stdout());
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) summary.get("iterative");
        assertEquals(1 - 1.0 / 8, ((Number) last.get("finalSparsity")).doubleValue(), 1e-12);
        assertFalse(Files.exists(out.resolve(PruningRun.roundPlot(false, "mask", 5))), "no plot beyond the last round");
    }

    /**
     * Pellegrini &amp; Biroli's protocol on a small network: three batch-normalized hidden layers of
     * 4 units on L = 8 inputs (weights 32 + 16 + 16 in the pruned layers, the trained readout not
     * pruned), 30 % per round, late rewinding to step 2, and the rounds stop before a layer would
     * keep at most half of its units connected. Checked against the masks: the rule stopped the
     * run (not the round bound), and the last trained phase still had more than half of every
     * pruned layer's units connected.
     */
    @Test
    void pellegriniBiroliProtocolStopsWhenALayerDisconnects(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("pb");
        assertEquals(0, LocalizationCli.execute("prune", "--hidden", "4", "--length", "8", "--batch", "50",
                "--readout", "trained", "--init-scale", "1", "--steps", "4", "--rounds", "60", "--rate", "0.3",
                "--rewind", "2", "--scope", "hidden-layers", "--hidden-layers", "3", "--batch-norm",
                "--stop-below-connected-units", "0.5", "--held-out", "50", "--baseline", "--out", out.toString()),
                stderr());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(PruningRun.SUMMARY), "summary");
        assertEquals("completed", summary.get("status"), summary.toString());
        assertEquals(3, summary.get("hiddenLayers"));
        assertEquals(true, summary.get("batchNorm"));
        assertEquals(2, ((Number) summary.get("rewindStep")).intValue());
        String stopped = String.valueOf(summary.get("stopped"));
        assertTrue(stopped.contains("of the units of a pruned layer connected (the rule stops at 0.5 or fewer)"),
                stopped);
        List<String> rounds = Files.readAllLines(out.resolve(PruningRun.ROUNDS));
        int phases = rounds.size() - 1;
        assertTrue(phases > 1 && phases < 61, rounds.toString());
        // the first layer's 32 weights keep round(32 * 0.7^r) after r prunings
        String[] last = rounds.get(phases).split(",");
        assertEquals(1 - PruningMasks.keptTarget(32, Math.pow(0.7, phases - 1)) / 32.0, Double.parseDouble(last[2]),
                1e-12);
        assertEquals(1 + 2, Files.readAllLines(out.resolve(PruningRun.ONE_SHOT)).size(), "one-shot: rounds 0, 1");
        assertTrue(Files.readAllLines(out.resolve(PruningRun.DISPLACEMENTS)).get(0)
                .equals(PruningRun.DISPLACEMENTS_HEADER));
    }

    @Test
    void badFlagsExitWithStatus2NamingTheFlag(@TempDir Path dir) {
        String out = dir.resolve("p").toString();
        for (String[] bad : new String[][] {{"--rate", "0"}, {"--rate", "1"}, {"--rounds", "0"},
            {"--scope", "all"}, {"--rewind", "soon"}, {"--held-out", "1"}}) {
            err.reset();
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("prune", "--length", "8",
                    "--steps", "2", bad[0], bad[1], "--out", out), String.join(" ", bad));
            String name = bad[0].substring(2);
            assertTrue(stderr().contains(name + " must"), bad[0] + ": " + stderr());
        }
        err.reset();
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("prune", "--length", "8",
                "--steps", "2", "--rewind", "3", "--out", out));
        assertTrue(stderr().contains("rewind must") && stderr().contains("steps per round = 2"), stderr());
        assertFalse(Files.exists(dir.resolve("p")));
    }

    /** prune's own default of steps per round sits under the config file and the flags. */
    @Test
    void stepsPerRoundDefaultSitsUnderConfigFileAndFlags(@TempDir Path dir) throws IOException {
        PruneCommand plain = new PruneCommand();
        new picocli.CommandLine(plain).parseArgs("--out", dir.toString());
        assertEquals(PruneCommand.DEFAULT_STEPS_PER_ROUND, plain.run.configure().steps());
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "steps: 70\n");
        PruneCommand fromFile = new PruneCommand();
        new picocli.CommandLine(fromFile).parseArgs("--config", config.toString(), "--out", dir.toString());
        assertEquals(70, fromFile.run.configure().steps());
        PruneCommand fromFlag = new PruneCommand();
        new picocli.CommandLine(fromFlag).parseArgs("--config", config.toString(), "--steps", "9", "--out",
                dir.toString());
        assertEquals(9, fromFlag.run.configure().steps());
    }
}
