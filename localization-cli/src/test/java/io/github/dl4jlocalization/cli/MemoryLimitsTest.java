package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.PeriodicGaussianField;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.util.MemoryBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sizes that cannot fit in this JVM are refused before anything is allocated or written, naming the
 * parameter, the memory it needs, the limit and how to raise it. Each case below once crashed with
 * an {@code OutOfMemoryError} after seconds to minutes (or computed for minutes), some leaving
 * files that then blocked the same {@code --out}. The tests run at {@code -Xmx768m}, the launcher's
 * default, and check that each request does exceed the limit in force, so that they test the check
 * and not the machine.
 */
class MemoryLimitsTest extends ConsoleCapture {
    @TempDir
    Path dir;

    private void refused(String expected, String... args) {
        err.reset();
        Path out = dir.resolve("out");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(all.toArray(String[]::new)), stderr());
        assertEquals(1, stderr().lines().count(), "one line: " + stderr());
        assertTrue(stderr().startsWith("error: ") && stderr().contains(expected), stderr());
        assertTrue(stderr().contains("more than the " + MemoryBudget.size(MemoryBudget.heapBytes()))
                && stderr().contains("LOCALIZATION_JAVA_OPTS"), "the limit and how to raise it: " + stderr());
        assertFalse(Files.exists(out), "nothing written: " + all);
    }

    @Test
    void dataModelTablesThatCannotFitAreRefusedWhenTheModelIsBuilt() {
        long heap = MemoryBudget.heapBytes();
        assertTrue(PeriodicGaussianField.buildBytes(100_000, 1) > heap);
        refused("length 100000 needs about 149 GB of heap memory for the Gaussian-field tables of the two classes on "
                + "a ring of side 100000", "run", "--length", "100000", "--steps", "2");
        refused("length 100000 needs about", "sample", "--n", "2", "--length", "100000");
        // tables of 18 MB fit, but a block of 1000 images of 500 x 500 does not (it once ran out of memory)
        refused("length 500 needs about 3.73 GB of heap memory for a block of 1000 samples of D = 250000 values",
                "sample", "--n", "10", "--dim", "2", "--length", "500");
        // a 5000 x 5000 torus: 1.7 GB of tables (and then a spectrum that was O(L^4)): once ran for minutes
        assertTrue(PeriodicGaussianField.buildBytes(5000, 2) > heap);
        refused("length 5000 needs about 1.68 GB of heap memory for the Gaussian-field tables of the two classes on "
                + "a torus of side 5000", "run", "--dim", "2", "--length", "5000", "--steps", "2");
    }

    @Test
    void runsThatCannotFitAreRefusedNamingTheirLargestTerm() {
        // 10^7 units of 40 weights over the default 10,000 steps: records of 2 (10000/100 + 2) K D doubles
        refused("hidden 10000000 needs about 608 GB of heap memory for a run, most of it the receptive-field records "
                + "kept in memory", "run", "--hidden", "10000000");
        refused("evalSize 1000000000 needs about 298 GB of heap memory for a run, most of it the held-out batch",
                "run", "--eval-size", "1000000000", "--steps", "2");
        refused("hidden 10000000 needs about", "prune", "--hidden", "10000000");
        refused("hidden 10000000 needs about", "theory", "--hidden", "10000000");
    }

    /**
     * A grid of 10^9 seeds, or of axes whose values multiply to 10^8 units, is refused before any
     * unit is built: even at the 64-byte lower bound of what a unit keeps they exceed the heap (they
     * used to run out of memory while listing the seeds or the units).
     */
    @Test
    void gridsWhoseUnitsCannotFitAreRefusedBeforeListingThem() throws java.io.IOException {
        Path seeds = Files.writeString(dir.resolve("seeds.json"), "{\"base\": {\"steps\": 10}, \"seeds\": 1000000000}");
        refused("the grid's unit count (axis values x seeds) 1000000000 needs about 59.6 GB of heap memory for its "
                + "work units (at least 64 bytes each)", "sweep", "--grid", seeds.toString());
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            values.append(i == 0 ? "" : ", ").append(0.001 * (i + 1));
        }
        Path axes = Files.writeString(dir.resolve("axes.json"), "{\"base\": {\"steps\": 10}, \"axes\": {\"lr\": ["
                + values + "], \"initScale\": [" + values + "]}}");
        refused("the grid's unit count (axis values x seeds) 100000000 needs about 5.96 GB of heap memory",
                "sweep", "--grid", axes.toString());
    }

    @Test
    void theDefaultRunsFit() {
        assertDoesNotThrow(() -> RunConfig.builder().build().requireFits());
        assertDoesNotThrow(() -> RunConfig.fromMap(Map.of("hidden", 100, "batch", 1000, "steps", 10_000))
                .requireFits());
    }
}
