package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.figures.IprKurtosisFigure;
import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure ipr-kurtosis} through {@link LocalizationCli#execute}, at tiny settings. */
class IprKurtosisCommandTest extends ConsoleCapture {
    private static final int SEEDS = 2;
    private static final int STEPS = 20;
    private static final int RECORD_EVERY = 10;

    private String[] args(Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("figure", "ipr-kurtosis", "--out", out.toString(),
                "--workers", "2", "--length", "10", "--batch", "50", "--steps", String.valueOf(STEPS),
                "--record-every", String.valueOf(RECORD_EVERY), "--eval-size", "50", "--seeds", String.valueOf(SEEDS),
                "--gains", "0.5,3", "--ks", "5,10", "--kurtosis-samples", "2000"));
        a.addAll(List.of(extra));
        return a.toArray(new String[0]);
    }

    @Test
    void writesPointsUnitsPlotAndSummaryConsistentWithTheSweeps(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig");
        assertEquals(0, LocalizationCli.execute(args(out)), stderr());
        List<Map<String, String>> points = CsvRows.read(out.resolve(IprKurtosisFigure.POINTS_CSV));
        List<Map<String, String>> units = CsvRows.read(out.resolve(IprKurtosisFigure.UNITS_CSV));
        assertEquals(4, points.size(), points.toString());
        assertEquals(4 * SEEDS, units.size(), units.toString());
        assertTrue(Files.size(out.resolve(IprKurtosisFigure.PNG)) > 0);
        for (Map<String, String> p : points) {
            String model = p.get("model");
            double parameter = CsvRows.number(p, "parameter");
            List<Map<String, String>> mine = units.stream().filter(u -> u.get("model").equals(model)
                    && CsvRows.number(u, "parameter") == parameter).toList();
            assertEquals(SEEDS, mine.size());
            double sum = 0;
            for (Map<String, String> u : mine) {
                assertEquals("completed", u.get("status"));
                assertEquals(STEPS, CsvRows.number(u, "recordStep"), "the last record by default");
                sum += CsvRows.number(u, "ipr");
            }
            assertEquals(sum / SEEDS, CsvRows.number(p, "iprMean"), 1e-12);
            assertEquals(SEEDS, CsvRows.number(p, "seeds"));
            // the sweep's own table: the final mean IPR of the same units
            double sweepSum = 0;
            for (Map<String, String> r : CsvRows.read(out.resolve(FigureSweeps.SWEEPS).resolve(model)
                    .resolve(Sweep.CSV))) {
                String key = model.equals("kur") ? "data.k" : "data.gain";
                sweepSum += CsvRows.number(r, key) == parameter ? CsvRows.number(r, "meanIpr") : 0;
            }
            assertEquals(sum, sweepSum, 1e-12);
        }
        // the exact column: docs/science.md 2.4/2.6 tables (Kur(5) +1.29, Kur(10) -0.93, NLGP g=3 -1.834)
        assertEquals(1.29, exact(points, "kur", 5), 0.005);
        assertEquals(-0.93, exact(points, "kur", 10), 0.005);
        assertEquals(-1.834, exact(points, "nlgp", 3), 0.001);
        // the measured value on 2000 samples of pixel 0: for x = erf(3z)/Z the estimator's sd at
        // n = 2000 is 0.008 (400 simulated replicates); 0.05 is 6 sd
        assertEquals(-1.834, number(points, "nlgp", 3, "excessKurtosis"), 0.05);

        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        assertEquals("ipr-kurtosis", summary.get("figure"));
        assertTrue(((Number) summary.get("wallSeconds")).doubleValue() > 0);
        assertTrue(stdout().contains("negativeExcess"), stdout());

        // re-running resumes the sweeps; the Kur IPR can be read at the reference's record
        assertEquals(0, LocalizationCli.execute(args(out, "--kur-record", "second-to-last")), stderr());
        assertTrue(stderr().contains("0 to run"), stderr());
        for (Map<String, String> u : CsvRows.read(out.resolve(IprKurtosisFigure.UNITS_CSV))) {
            assertEquals(u.get("model").equals("kur") ? STEPS - RECORD_EVERY : STEPS,
                    CsvRows.number(u, "recordStep"), u.toString());
        }
    }

    private static double exact(List<Map<String, String>> points, String model, double parameter) {
        return number(points, model, parameter, "excessKurtosisExact");
    }

    private static double number(List<Map<String, String>> points, String model, double parameter, String column) {
        return points.stream().filter(p -> p.get("model").equals(model) && CsvRows.number(p, "parameter") == parameter)
                .mapToDouble(p -> CsvRows.number(p, column)).findFirst().orElseThrow();
    }

    @Test
    void flagsTheFigureSetsAndBadValuesExitWith2NamingTheFlag(@TempDir Path dir) {
        Path out = dir.resolve("fig");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(args(out, "--model", "kur")));
        assertTrue(stderr().contains("--model"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "ipr-kurtosis", "--out",
                out.toString(), "--gains", "1,-2"));
        assertTrue(stderr().contains("gain") && stderr().contains("-2"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "ipr-kurtosis", "--out",
                out.toString(), "--preset", "huge"));
        assertTrue(stderr().contains("preset") && stderr().contains("huge"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "ipr-kurtosis", "--out",
                out.toString(), "--kur-record", "first"));
        assertTrue(stderr().contains("kur-record"), stderr());
        assertTrue(Files.notExists(out.resolve(IprKurtosisFigure.POINTS_CSV)));
    }
}
