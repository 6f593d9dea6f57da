package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.figures.ManyNeuronsFigure;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.sweep.Sweep;
import io.github.dl4jlocalization.sweep.UnitResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure many-neurons} through {@link LocalizationCli#execute}, at tiny settings. */
class ManyNeuronsCommandTest extends ConsoleCapture {
    private static final double THRESHOLD = 0.15;

    @Test
    void writesOneEvolutionGridPerPanelAndPerRunNumbers(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("many");
        assertEquals(0, LocalizationCli.execute("figure", "many-neurons", "--out", out.toString(), "--workers", "2",
                "--panels", "scm-kur10,scm-kur30,scm-kur4,mlp-kur30", "--length", "12", "--batch", "20", "--steps",
                "10", "--record-every", "5", "--eval-size", "20", "--localized-ipr", String.valueOf(THRESHOLD)),
                stderr());
        List<Map<String, String>> rows = CsvRows.read(out.resolve(ManyNeuronsFigure.CSV));
        assertEquals(4, rows.size(), rows.toString());
        for (Map<String, String> row : rows) {
            String panel = row.get("panel");
            assertTrue(Files.size(out.resolve(panel + ".png")) > 0, panel);
            assertEquals(panel.equals("mlp-kur30") ? 100 : 10, CsvRows.number(row, "hidden"));
            // the fraction of localized units recomputed from the unit's own per-unit IPRs
            Path sweep = out.resolve(FigureSweeps.SWEEPS).resolve(panel);
            Path result;
            try (var files = Files.list(sweep.resolve("results"))) {
                result = files.filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
            }
            UnitResult r = UnitResult.fromMap(JsonFiles.readJson(result, "unit result"));
            assertEquals(LocalizationMetrics.fractionAbove(r.iprPerUnit(), THRESHOLD),
                    CsvRows.number(row, "fractionLocalized"), 1e-12);
            assertEquals(r.meanIpr(), CsvRows.number(row, "meanIpr"), 1e-12);
            assertEquals(r.maxIpr(), CsvRows.number(row, "maxIpr"), 1e-12);
            assertEquals(1, CsvRows.read(sweep.resolve(Sweep.CSV)).size());
        }
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        Map<?, ?> measured = (Map<?, ?>) summary.get("measured");
        String claim8 = (String) measured.get("claim8");
        assertTrue(claim8.startsWith("holds") || claim8.startsWith("does not hold"), claim8);
        assertEquals(List.of("scm-kur10", "scm-kur30", "scm-kur4", "mlp-kur30"),
                List.copyOf(((Map<?, ?>) summary.get("settings")).get("panels") instanceof Map<?, ?> p
                        ? p.keySet().stream().map(Object::toString).toList() : List.of()));
    }

    @Test
    void unknownPanelsAndThresholdsExitWith2(@TempDir Path dir) {
        Path out = dir.resolve("many");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "many-neurons", "--out",
                out.toString(), "--panels", "scm-kur10,scm-kur5"));
        assertTrue(stderr().contains("scm-kur5") && stderr().contains("mlp-nlgp100"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "many-neurons", "--out",
                out.toString(), "--localized-ipr", "1.5"));
        assertTrue(stderr().contains("localized-ipr"), stderr());
    }
}
