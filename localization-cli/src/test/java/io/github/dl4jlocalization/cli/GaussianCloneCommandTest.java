package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.figures.GaussianCloneFigure;
import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure gaussian-clone} through {@link LocalizationCli#execute}, at tiny settings. */
class GaussianCloneCommandTest extends ConsoleCapture {
    private static final int SEEDS = 2;

    @Test
    void writesIprPerModelGainAndSeedWithStatisticsAndPlots(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("clone");
        assertEquals(0, LocalizationCli.execute("figure", "gaussian-clone", "--out", out.toString(), "--workers", "2",
                "--length", "10", "--batch", "50", "--steps", "20", "--record-every", "10", "--eval-size", "50",
                "--seeds", String.valueOf(SEEDS), "--gains", "1,100", "--rf-seed", "1"), stderr());
        List<Map<String, String>> units = CsvRows.read(out.resolve(GaussianCloneFigure.UNITS_CSV));
        List<Map<String, String>> points = CsvRows.read(out.resolve(GaussianCloneFigure.POINTS_CSV));
        assertEquals(2 * 2 * SEEDS, units.size(), units.toString());
        assertEquals(4, points.size(), points.toString());
        List<Map<String, String>> sweep = CsvRows.read(out.resolve(FigureSweeps.SWEEPS)
                .resolve(GaussianCloneFigure.NAME).resolve(Sweep.CSV));
        for (Map<String, String> p : points) {
            double[] iprs = units.stream().filter(u -> u.get("model").equals(p.get("model"))
                    && u.get("gain").equals(p.get("gain"))).mapToDouble(u -> CsvRows.number(u, "ipr")).toArray();
            assertEquals(SEEDS, iprs.length);
            double mean = (iprs[0] + iprs[1]) / 2;
            assertEquals(mean, CsvRows.number(p, "iprMean"), 1e-12);
            // population std of two values: half their distance
            assertEquals(Math.abs(iprs[0] - iprs[1]) / 2, CsvRows.number(p, "iprStd"), 1e-12);
            double sweepMean = sweep.stream().filter(r -> r.get("data.model").equals(p.get("model"))
                    && CsvRows.number(r, "data.gain") == CsvRows.number(p, "gain"))
                    .mapToDouble(r -> CsvRows.number(r, "meanIpr")).average().orElseThrow();
            assertEquals(sweepMean, CsvRows.number(p, "iprMean"), 1e-12);
            // the clone is Gaussian (excess 0); NLGP(1) -1.440, NLGP(100) -1.9955 (docs/science.md 2.4)
            double exact = CsvRows.number(p, "excessKurtosisExact");
            double expected = p.get("model").equals("nlgp-clone") ? 0
                    : CsvRows.number(p, "gain") == 1 ? -1.440 : -1.9955;
            assertEquals(expected, exact, 1e-3, p.toString());
        }
        assertTrue(Files.size(out.resolve(GaussianCloneFigure.PNG)) > 0);
        assertTrue(Files.size(out.resolve(GaussianCloneFigure.RF_PNG)) > 0);
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        assertEquals(GaussianCloneFigure.NAME, summary.get("figure"));
        assertTrue(((Map<?, ?>) summary.get("measured")).containsKey("nlgp-clone"), summary.toString());
    }

    @Test
    void rejectsTheFlagsTheFigureSetsAndASeedOutOfRange(@TempDir Path dir) {
        Path out = dir.resolve("clone");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "gaussian-clone", "--out",
                out.toString(), "--gain", "3"));
        assertTrue(stderr().contains("--gain") && stderr().contains("--gains"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "gaussian-clone", "--out",
                out.toString(), "--seeds", "2", "--rf-seed", "2"));
        assertTrue(stderr().contains("rf-seed"), stderr());
    }
}
