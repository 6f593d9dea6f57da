package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization theory} through {@link LocalizationCli#execute}. */
class TheoryCommandTest extends ConsoleCapture {
    @Test
    void writesTrajectorySummaryAndPlots(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("theory");
        int status = LocalizationCli.execute("theory", "--gain", "100", "--length", "20", "--steps", "200",
                "--batch", "2000", "--record-every", "50", "--checkpoint-every", "0", "--out", out.toString());
        assertEquals(0, status, stderr());
        List<String> lines = Files.readAllLines(out.resolve(TheoryComparison.TRAJECTORY));
        assertEquals("step,iprTheory,iprSgd,l2Error", lines.get(0));
        // records at steps 0, 50, 100, 150, 200
        assertEquals(6, lines.size(), lines.toString());
        for (int r = 1; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            assertEquals(String.valueOf(50 * (r - 1)), f[0]);
            for (int c = 1; c < 4; c++) {
                double v = Double.parseDouble(f[c]);
                assertTrue(Double.isFinite(v) && v >= 0, lines.get(r));
            }
        }
        // both start from the same w0
        String[] first = lines.get(1).split(",");
        assertEquals(0.0, Double.parseDouble(first[3]));
        assertEquals(Double.parseDouble(first[1]), Double.parseDouble(first[2]));
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(TheoryComparison.SUMMARY), "summary");
        for (String key : List.of("finalIprTheory", "finalIprSgd", "peakTheory", "peakSgd", "peakMatch",
                "finalL2Error")) {
            assertTrue(summary.containsKey(key), key + " in " + summary);
        }
        assertEquals("exact", summary.get("covariance"));
        assertTrue(summary.get("peakMatch") instanceof Boolean);
        String[] last = lines.get(lines.size() - 1).split(",");
        assertEquals(Double.parseDouble(last[1]), ((Number) summary.get("finalIprTheory")).doubleValue());
        for (String plot : List.of(TheoryComparison.IPR_PLOT, TheoryComparison.ERROR_PLOT,
                TheoryComparison.FIELDS_PLOT)) {
            assertTrue(Files.size(out.resolve(plot)) > 1000, plot);
        }
        assertTrue(Files.exists(out.resolve(TheoryComparison.SGD_DIR).resolve(RunDirectory.SUMMARY)));
        // the integrated weights at the same record steps, their IPRs those of the trajectory
        List<WeightSnapshot> theory = new RunDirectory(out).readWeights(TheoryComparison.THEORY_WEIGHTS);
        assertEquals(lines.size() - 1, theory.size());
        for (int r = 1; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            assertEquals(Long.parseLong(f[0]), theory.get(r - 1).step());
            assertEquals(Double.parseDouble(f[1]), LocalizationMetrics.ipr(theory.get(r - 1).fields()[0]), 1e-12);
        }
    }

    @Test
    void empiricalCovariancesOnRequest(@TempDir Path dir) {
        Path out = dir.resolve("theory");
        assertEquals(0, LocalizationCli.execute("theory", "--length", "10", "--steps", "20", "--batch", "100",
                "--record-every", "10", "--covariance", "empirical", "--empirical-samples", "500", "--variant", "fig3",
                "--out", out.toString()), stderr());
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(TheoryComparison.SUMMARY), "summary");
        assertEquals("empirical", summary.get("covariance"));
        assertEquals(500, summary.get("empiricalSamples"));
        assertEquals("fig3", summary.get("variant"));
        // the estimate takes O(n D log D) time: announced before it starts, not silent
        assertTrue(stderr().contains("theory: estimating the two class covariances from 500 samples each of 10 values"),
                stderr());
    }

    @Test
    void otherNetworksAndBadOptionsExitWithStatus2(@TempDir Path dir) {
        String out = dir.resolve("t").toString();
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("theory", "--hidden", "2", "--steps", "2", "--out", out));
        assertTrue(stderr().contains("single ReLU neuron") && stderr().contains("hiddenUnits"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("theory", "--bias", "trainable", "--steps", "2", "--out", out));
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("theory", "--readout", "trained", "--steps", "2", "--out", out));
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("theory", "--variant", "2", "--steps", "2", "--out", out));
        assertTrue(stderr().contains("variant must be 1 or fig3"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("theory", "--covariance", "guess", "--steps", "2", "--out", out));
        assertTrue(stderr().contains("covariance must be one of exact, empirical"), stderr());
        assertFalse(Files.exists(dir.resolve("t")));
    }
}
