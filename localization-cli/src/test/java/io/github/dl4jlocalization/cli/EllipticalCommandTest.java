package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.figures.EllipticalFigure;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SinusoidFit;
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

/** {@code localization figure elliptical} through {@link LocalizationCli#execute}. */
class EllipticalCommandTest extends ConsoleCapture {
    private static final String[] TINY = {"figure", "elliptical", "--radials", "shell,t", "--length", "12",
        "--steps", "60", "--batch", "100", "--t-steps", "40", "--t-batch", "80", "--record-every", "20", "--seeds", "2",
        "--workers", "2"};

    private static String[] tiny(String... more) {
        return Stream.concat(Stream.of(TINY), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void fitsEveryRunAndWritesTheTableSummaryAndPanels(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig");
        assertEquals(0, LocalizationCli.execute(tiny("--out", out.toString())), stderr());
        List<String> lines = Files.readAllLines(out.resolve(EllipticalFigure.CSV));
        assertEquals(EllipticalFigure.CSV_HEADER, lines.get(0));
        assertEquals(5, lines.size(), "2 laws x 2 seeds: " + lines);
        String[][] expected = {{"shell", "0", "0.05", "100", "60"}, {"shell", "1", "0.05", "100", "60"},
            {"t", "0", "0.01", "80", "40"}, {"t", "1", "0.01", "80", "40"}};
        for (int r = 1; r < lines.size(); r++) {
            String[] f = lines.get(r).split(",");
            String[] e = expected[r - 1];
            assertEquals(List.of(e[0], e[1], "completed", e[2], e[3], e[4]), List.of(f[0], f[1], f[2], f[3], f[4], f[5]),
                    "law, seed, status, lr, batch, steps (t: --t-lr default, --t-batch, --t-steps)");
            Path unit;
            try (Stream<Path> s = Files.list(out.resolve(FigureSweeps.SWEEPS).resolve("elliptical-" + e[0])
                    .resolve(Sweep.UNITS))) {
                unit = s.filter(p -> p.getFileName().toString().startsWith("seed=" + e[1] + "-")).findFirst()
                        .orElseThrow();
            }
            List<WeightSnapshot> snapshots = new RunDirectory(unit).readWeights();
            assertEquals(Long.parseLong(e[4]), snapshots.get(snapshots.size() - 1).step());
            double[] w = snapshots.get(snapshots.size() - 1).fields()[0];
            assertEquals(LocalizationMetrics.ipr(w), Double.parseDouble(f[6]), 1e-12);
            // the reference's residual sqrt(MSE * L) / ||w|| of the written sinusoid, evaluated here
            double a = Double.parseDouble(f[8]);
            double freq = Double.parseDouble(f[9]);
            double x0 = Double.parseDouble(f[10]);
            double b = Double.parseDouble(f[11]);
            double mse = 0;
            double norm = 0;
            for (int j = 0; j < w.length; j++) {
                double x = (double) j / (w.length - 1);
                double d = w[j] - (a * Math.sin(2 * Math.PI * freq * (x - x0)) + b);
                mse += d * d / w.length;
                norm += w[j] * w[j];
            }
            assertEquals(Math.sqrt(mse * w.length / norm), Double.parseDouble(f[7]), 1e-9);
            assertEquals(SinusoidFit.fit(w).relativeResidual(), Double.parseDouble(f[7]), 1e-12);
            assertEquals(EllipticalFigure.REFERENCE_RESIDUALS.get(e[0]), Double.parseDouble(f[12]));
        }
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> measured = (Map<String, Map<String, Object>>) summary.get("measured");
        assertEquals(List.of("shell", "t"), List.copyOf(measured.keySet()));
        double mean = (Double.parseDouble(lines.get(3).split(",")[7]) + Double.parseDouble(lines.get(4).split(",")[7]))
                / 2;
        assertEquals(mean, ((Number) measured.get("t").get("meanResidual")).doubleValue(), 1e-12);
        assertEquals(2, measured.get("shell").get("runs"));
        assertEquals(3.0 / 24, measured.get("shell").get("singleModeIpr"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> settings = (Map<String, Map<String, Object>>) summary.get("settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> tData = (Map<String, Object>) settings.get("t").get("data");
        assertEquals("t", tData.get("radial"));
        assertEquals(3.0, ((Number) tData.get("df")).doubleValue());
        assertTrue(Files.size(out.resolve(EllipticalFigure.PLOT)) > 5000);
        assertTrue(stdout().contains("shell.meanResidual: " + measured.get("shell").get("meanResidual")), stdout());
    }

    /** The Fig. 4 notebook's t run starts from init scale 1; the shell keeps the run's 0.001. */
    @Test
    void theTLawTakesItsOwnInitScale(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fig");
        assertEquals(0, LocalizationCli.execute("figure", "elliptical", "--radials", "shell,t", "--length", "12",
                "--steps", "20", "--batch", "50", "--t-steps", "20", "--t-batch", "50", "--record-every", "10",
                "--t-init-scale", "1", "--workers", "1", "--out", out.toString()), stderr());
        for (String law : List.of("shell", "t")) {
            Path unit;
            try (Stream<Path> units = Files.list(out.resolve(FigureSweeps.SWEEPS).resolve("elliptical-" + law)
                    .resolve(Sweep.UNITS))) {
                unit = units.findFirst().orElseThrow();
            }
            Map<String, Object> config = JsonFiles.readJson(unit.resolve(RunDirectory.CONFIG), "config");
            assertEquals(law.equals("t") ? 1.0 : 0.001, ((Number) config.get("initScale")).doubleValue(), law);
        }
    }

    @Test
    void badInputExitsWithStatus2BeforeAnyTraining(@TempDir Path dir) {
        Path out = dir.resolve("fig");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--radial", "shell", "--out",
                out.toString())));
        assertTrue(stderr().contains("radial must be unset"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--radials", "shell,shell", "--out",
                out.toString())));
        assertTrue(stderr().contains("radials must be distinct names among shell, extreme, t"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--model", "nlgp", "--out",
                out.toString())));
        assertTrue(stderr().contains("model must be elliptical"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(tiny("--t-lr", "-1", "--out",
                out.toString())));
        assertTrue(stderr().contains("t-lr must be"), stderr());
        assertFalse(Files.exists(out.resolve(FigureSweeps.SWEEPS)), "no sweep started");
    }
}
