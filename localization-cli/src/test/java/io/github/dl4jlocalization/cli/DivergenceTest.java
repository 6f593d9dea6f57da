package io.github.dl4jlocalization.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.MetricsRow;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.StatsFile;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.UnitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run whose loss or weights turn non-finite ends as diverged by design: the run's first listener
 * is the divergence guard, so the step that overflows throws out of {@code fit} before any record
 * of it is written. With lr 1e8 the weights of a single neuron grow about 1e8-fold per step and the
 * loss overflows to infinity near step 21 of these runs; every step is a record step. {@code run},
 * {@code theory} (both sides) and {@code prune} report it in their summaries, with the step and
 * the quantity, keep the files written so far whole, and write no NaN into JSON.
 */
class DivergenceTest extends ConsoleCapture {
    private static final Pattern DIVERGED_AT = Pattern.compile("Training diverged at step (\\d+) \\(epoch \\d+\\): "
            + "(score is (Infinity|NaN|-Infinity)|parameter \\w+ contains NaN or infinite values)\\. "
            + "Try a smaller learning rate \\(the first layer's is 1\\.0E8\\)\\.");

    /**
     * Initial weights of scale 1e150 (--init-scale 1e300 multiplies their variance) are finite, and
     * so is everything computed from them: the run completes, and its summary holds numbers (the IPR
     * is scale-free), never a NaN written as a string (it once wrote "meanIpr" : "NaN").
     */
    @Test
    void hugeButFiniteInitialWeightsCompleteWithFiniteNumbers(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--length", "12", "--init-scale", "1e300", "--batch", "100",
                "--steps", "20", "--record-every", "10", "--no-stats", "--out", out.toString()), stderr());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(RunDirectory.SUMMARY), "summary");
        assertEquals("completed", summary.get("status"));
        double meanIpr = ((Number) summary.get("meanIpr")).doubleValue();
        assertTrue(meanIpr >= 1.0 / 12 && meanIpr <= 1, "an IPR of 12 weights: " + meanIpr);
        assertTrue(!Files.readString(out.resolve(RunDirectory.SUMMARY)).contains("NaN"), "no NaN in summary.json");
    }

    @Test
    void aRunDivergingOnARecordStepEndsDivergedWithIntactFiles(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--length", "12", "--lr", "1e8", "--batch", "100", "--steps",
                "60", "--record-every", "1", "--out", out.toString()), stderr());
        assertTrue(stdout().contains("DIVERGED after "), stdout());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(RunDirectory.SUMMARY), "summary");
        assertEquals("diverged", summary.get("status"));
        Matcher m = DIVERGED_AT.matcher((String) summary.get("divergence"));
        assertTrue(m.matches(), summary.get("divergence").toString());
        long step = Long.parseLong(m.group(1));
        assertEquals(step, ((Number) summary.get("steps")).longValue());
        assertTrue(step > 1 && step < 60, "diverges within the run, not at once: step " + step);
        assertEquals(null, summary.get("model"), "no checkpoint of a diverged network");

        // the records of steps 0 .. step-1, each whole and finite in its weights; none of the diverging step
        RunDirectory run = new RunDirectory(out);
        List<MetricsRow> rows = run.readMetrics();
        List<WeightSnapshot> weights = run.readWeights();
        assertEquals(step, rows.size());
        assertEquals(step, weights.size());
        for (int s = 0; s < step; s++) {
            assertEquals(s, rows.get(s).step());
            assertEquals(s, weights.get(s).step());
            for (double w : weights.get(s).fields()[0]) {
                assertTrue(Double.isFinite(w), "weights of step " + s);
            }
            assertTrue(Double.isFinite(rows.get(s).meanIpr()), "IPR of step " + s);
        }
        assertEquals(step - 1, ((Number) summary.get("recordStep")).longValue());
        assertTrue(Files.size(out.resolve(StatsFile.FILE)) > 0);
        assertNoNaNInJson(out);
    }

    @Test
    void theoryReportsTheDivergenceOfBothSidesAndComparesUpToIt(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("theory");
        assertEquals(0, LocalizationCli.execute("theory", "--length", "12", "--lr", "1e8", "--batch", "100", "--steps",
                "60", "--record-every", "1", "--checkpoint-every", "0", "--out", out.toString()), stderr());
        assertTrue(stdout().contains("DIVERGED: "), stdout());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(TheoryComparison.SUMMARY), "summary");
        assertEquals("diverged", summary.get("status"));
        assertEquals("diverged", summary.get("sgdStatus"));
        String divergence = (String) summary.get("divergence");
        assertTrue(divergence.startsWith("SGD: Training diverged at step "), divergence);
        assertTrue(divergence.contains("Effective dynamics: w' Sigma_1 w = "), divergence);
        // compared up to the last record step both reached, with finite numbers
        List<String> trajectory = Files.readAllLines(out.resolve(TheoryComparison.TRAJECTORY));
        String[] last = trajectory.get(trajectory.size() - 1).split(",");
        assertEquals(String.valueOf(summary.get("step")), last[0]);
        for (String key : List.of("finalIprTheory", "finalIprSgd", "finalL2Error")) {
            assertTrue(summary.get(key) instanceof Number n && Double.isFinite(n.doubleValue()), key + " " + summary);
        }
        assertNoNaNInJson(out);
    }

    @Test
    void sweepUnitsOfTheoryAndPruneThatDivergeAreDivergedUnits(@TempDir Path dir) {
        Map<String, Object> base = Map.of("data", Map.of("length", 12), "lr", 1e8, "batch", 100, "steps", 60,
                "recordEvery", 1, "checkpointEvery", 0, "evalSize", 100);
        UnitResult theory = SweepGrid.fromMap(Map.of("base", base, "task", Map.of("kind", "theory"))).units().get(0)
                .execute(dir.resolve("theory"));
        assertEquals(UnitResult.Status.DIVERGED, theory.status(), theory.toString());
        assertTrue(theory.error().startsWith("SGD: Training diverged at step ")
                && theory.error().contains("Effective dynamics: "), theory.error());
        UnitResult prune = SweepGrid.fromMap(Map.of("base", base, "task", Map.of("kind", "prune", "rounds", 1)))
                .units().get(0).execute(dir.resolve("prune"));
        assertEquals(UnitResult.Status.DIVERGED, prune.status(), prune.toString());
        assertTrue(prune.error().startsWith("Iterative pruning, round 0: Training diverged at step "), prune.error());
        assertEquals(Map.of(), prune.measures(), "no round finished");
    }

    @Test
    void pruneReportsADivergedRoundAndKeepsTheFinishedOnes(@TempDir Path dir) throws IOException {
        // 16 steps per round stay finite from the initial weights; rewinding to step 12 (late
        // rewinding), round 1 starts where round 0 was 4 steps before its end and overflows
        Path out = dir.resolve("prune");
        assertEquals(0, LocalizationCli.execute("prune", "--length", "12", "--hidden", "3", "--lr", "1e8", "--batch",
                "100", "--steps", "16", "--rewind", "12", "--rounds", "2", "--record-every", "1", "--baseline",
                "--held-out", "100", "--out", out.toString()), stderr());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(PruningRun.SUMMARY), "summary");
        assertEquals("diverged", summary.get("status"));
        String divergence = (String) summary.get("divergence");
        assertTrue(divergence.startsWith("Iterative pruning, round 1: Training diverged at step "), divergence);
        assertTrue(DIVERGED_AT.matcher(divergence.substring(divergence.indexOf("Training"))).matches(), divergence);
        assertTrue(stdout().contains("DIVERGED: Iterative pruning, round 1"), stdout());
        assertFalse(summary.containsKey("oneShot"), "no baseline after a divergence");
        // round 0 finished: its row is whole, and the summary describes it
        List<Map<String, Double>> rounds = PruningRoundsCsv.read(out.resolve(PruningRun.ROUNDS));
        assertEquals(1, rounds.size());
        assertEquals(16.0, rounds.get(0).get("steps"));
        @SuppressWarnings("unchecked")
        Map<String, Object> iterative = (Map<String, Object>) summary.get("iterative");
        assertEquals(1, iterative.get("records"));
        assertTrue(Files.size(out.resolve(StatsFile.FILE)) > 0);
        assertNoNaNInJson(out);
    }

    /**
     * No JSON file of the directory holds NaN or an infinity as a value, string or number (a
     * message may name them): non-finite numbers are written as null.
     */
    private static void assertNoNaNInJson(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                assertFinite(f.toString(), new ObjectMapper().readTree(f.toFile()));
            }
        }
    }

    private static void assertFinite(String where, JsonNode node) {
        if (node.isContainerNode()) {
            node.fields().forEachRemaining(e -> assertFinite(where + "/" + e.getKey(), e.getValue()));
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                assertFinite(where + "/" + i, node.get(i));
            }
        } else {
            assertFalse(node.isTextual() && List.of("NaN", "Infinity", "-Infinity").contains(node.asText()), where);
            assertTrue(!node.isNumber() || Double.isFinite(node.asDouble()), where);
        }
    }
}
