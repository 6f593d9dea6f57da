package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.figures.FcnCnnFigure;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.metrics.FilterMatch;
import io.github.dl4jlocalization.metrics.FilterMatcher;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure fcn-vs-cnn} on a tiny setting: its files and their content. */
class FigureFcnCnnCommandTest extends ConsoleCapture {

    @Test
    void matchesEveryLocalizedFieldToTheTrainedFiltersAndToRandomOnes(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("fcn-cnn");
        // a threshold below the minimum IPR 1/D: every FCN field is matched
        int status = LocalizationCli.execute("figure", "fcn-vs-cnn", "--length", "12", "--hidden", "4", "--batch",
                "100", "--steps", "20", "--channels", "2", "--filter-width", "3", "--ipr-threshold", "0.01",
                "--seeds", "1", "--baseline-seed", "5", "--pairs", "2", "--out", out.toString());
        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("fcnMatchesCnn: "), stdout());

        double[][] fields = last(unitDir(out, "fcn"));
        double[][] filters = last(unitDir(out, "cnn"));
        assertEquals(4, fields.length);
        assertEquals(2, filters.length);
        assertEquals(3, filters[0].length);
        List<String> csv = Files.readAllLines(out.resolve(FcnCnnFigure.CSV));
        assertEquals(FcnCnnFigure.HEADER, csv.get(0));
        assertEquals(1 + fields.length, csv.size(), csv.toString());
        long bankSeed = RandomStreams.of(5, 0).nextLong();
        double[] baseline = FilterMatcher.baselineScores(fields, 2, 3, bankSeed);
        for (int k = 0; k < fields.length; k++) {
            String[] f = csv.get(k + 1).split(",");
            assertEquals(String.valueOf(k), f[1]);
            FilterMatch m = FilterMatcher.bestMatch(fields[k], filters);
            assertEquals(m.score(), Double.parseDouble(f[3]), 1e-15);
            assertEquals(m.filter(), Integer.parseInt(f[4]));
            assertEquals(m.shift(), Integer.parseInt(f[5]));
            assertEquals(m.sign(), Integer.parseInt(f[6]));
            assertEquals(baseline[k], Double.parseDouble(f[7]), 1e-15);
        }
        assertTrue(Files.size(out.resolve(FcnCnnFigure.HISTOGRAM)) > 1000);
        assertTrue(Files.size(out.resolve(FcnCnnFigure.PAIRS)) > 1000);
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) summary.get("measured");
        assertEquals(4, measured.get("localizedFields"));
        for (String key : List.of("medianScore", "medianBaselineScore", "baselineP95", "fractionAboveBaselineP95",
                "fcnMeanAccuracy", "cnnMeanAccuracy", "verdicts")) {
            assertTrue(measured.containsKey(key), key + " in " + measured);
        }
    }

    @Test
    void withNoLocalizedFieldItSaysSoInsteadOfPlotting(@TempDir Path dir) {
        Path out = dir.resolve("none");
        int status = LocalizationCli.execute("figure", "fcn-vs-cnn", "--length", "12", "--hidden", "2", "--batch",
                "50", "--steps", "5", "--channels", "1", "--filter-width", "3", "--ipr-threshold", "0.99",
                "--seeds", "1", "--out", out.toString());
        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("not tested: no FCN field has an IPR above 0.99"), stdout());
        assertTrue(Files.exists(out.resolve(FcnCnnFigure.CSV)));
        assertTrue(!Files.exists(out.resolve(FcnCnnFigure.HISTOGRAM)));
    }

    @Test
    void rejectsAFilterWiderThanTheInput(@TempDir Path dir) {
        assertEquals(2, LocalizationCli.execute("figure", "fcn-vs-cnn", "--length", "12", "--filter-width", "13",
                "--out", dir.toString()));
        assertTrue(stderr().contains("filterWidth"), stderr());
    }

    private static Path unitDir(Path out, String sweep) throws IOException {
        try (Stream<Path> units = Files.list(out.resolve(FigureSweeps.SWEEPS).resolve(sweep).resolve(Sweep.UNITS))) {
            return units.findFirst().orElseThrow();
        }
    }

    private static double[][] last(Path dir) {
        List<WeightSnapshot> s = new RunDirectory(dir).readWeights();
        return s.get(s.size() - 1).fields();
    }
}
