package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.figures.PeakMatchFigure;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure ising-peaks} through {@link LocalizationCli#execute}. */
class IsingPeaksCommandTest extends ConsoleCapture {
    private static final String[] TINY = {"figure", "ising-peaks", "--length", "10", "--steps", "40",
        "--batch", "50", "--record-every", "10", "--seed", "7", "--empirical-samples", "2000",
        "--workers", "2"};

    private static String[] tiny(String... more) {
        return Stream.concat(Stream.of(TINY), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void writesPerSeedPeaksConsistentWithTheUnitsAndResumes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig");
        assertEquals(0, LocalizationCli.execute(tiny("--seeds", "3", "--out", out.toString())), stderr());
        List<String> lines = Files.readAllLines(out.resolve(PeakMatchFigure.CSV));
        assertEquals(PeakMatchFigure.CSV_HEADER, lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        Path units = out.resolve(FigureSweeps.SWEEPS).resolve(PeakMatchFigure.SWEEP).resolve(Sweep.UNITS);
        int matches = 0;
        for (int r = 1; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            long seed = 6 + r;
            assertEquals(String.valueOf(seed), f[0], "seeds --seed .. --seed+N-1");
            assertEquals("completed", f[1]);
            // the peaks and IPRs recomputed from the unit's own files: the SGD run's last record and
            // the integrated field at the same step
            Path unit;
            try (Stream<Path> s = Files.list(units)) {
                unit = s.filter(p -> p.getFileName().toString().startsWith("seed=" + seed + "-")).findFirst()
                        .orElseThrow();
            }
            List<WeightSnapshot> sgd = new RunDirectory(unit.resolve(TheoryComparison.SGD_DIR)).readWeights();
            double[] wSgd = sgd.get(sgd.size() - 1).fields()[0];
            List<WeightSnapshot> theory = new RunDirectory(unit).readWeights(TheoryComparison.THEORY_WEIGHTS);
            assertEquals(sgd.size(), theory.size(), "one integrated record per SGD record");
            assertEquals(40, theory.get(theory.size() - 1).step());
            double[] wTheory = theory.get(theory.size() - 1).fields()[0];
            assertEquals(LocalizationMetrics.signedPeak(wSgd).toString(), f[2]);
            assertEquals(LocalizationMetrics.signedPeak(wTheory).toString(), f[3]);
            boolean match = f[2].equals(f[3]);
            assertEquals(match ? "1" : "0", f[4]);
            matches += match ? 1 : 0;
            assertEquals(LocalizationMetrics.ipr(wSgd), Double.parseDouble(f[7]), 1e-12);
            assertEquals(LocalizationMetrics.ipr(wTheory), Double.parseDouble(f[8]), 1e-12);
            assertEquals(LocalizationMetrics.rmsDistance(wSgd, wTheory), Double.parseDouble(f[9]), 1e-12);
        }
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        assertEquals("ising-peaks", summary.get("figure"));
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) summary.get("measured");
        assertEquals(matches + "/3", measured.get("matches"));
        assertEquals(1.0 / 20, measured.get("chanceMatchProbability"));
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) summary.get("settings");
        assertEquals(List.of(7, 8, 9), settings.get("seeds"));
        assertEquals(0.05, settings.get("lr"), "the figure's default learning rate");
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) settings.get("task");
        assertEquals("1", task.get("variant"));
        assertEquals("empirical", task.get("covariance"), "the reference's empirical covariances by default");
        assertTrue(stdout().contains(matches + "/3 signed-peak matches"), stdout());
        assertTrue(Files.size(out.resolve(PeakMatchFigure.PLOT)) > 5000);

        // a second run with the same flags executes nothing and writes the same table
        err.reset();
        assertEquals(0, LocalizationCli.execute(tiny("--seeds", "3", "--out", out.toString())), stderr());
        assertTrue(stderr().contains("3 already complete, 0 to run"), stderr());
        assertEquals(lines, Files.readAllLines(out.resolve(PeakMatchFigure.CSV)));
    }

    @Test
    void badInputExitsWithStatus2BeforeAnyTraining(@TempDir Path dir) {
        Path out = dir.resolve("fig");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--variant", "3", "--out",
                out.toString())));
        assertTrue(stderr().contains("variant must be 1 or fig3"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--hidden", "2", "--out",
                out.toString())));
        assertTrue(stderr().contains("single ReLU neuron"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--covariance", "guess", "--out",
                out.toString())));
        assertTrue(stderr().contains("covariance must be one of exact, empirical"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--seeds", "0", "--out",
                out.toString())));
        assertTrue(stderr().contains("seeds must be an integer >= 1, got 0"), stderr());
        assertFalse(Files.exists(out.resolve(FigureSweeps.SWEEPS)), "no sweep started");
    }
}
