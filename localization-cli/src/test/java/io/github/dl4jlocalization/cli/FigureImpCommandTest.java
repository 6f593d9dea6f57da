package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.figures.ImpFigure;
import io.github.dl4jlocalization.listeners.PruningMasks;
import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure imp} on a tiny setting: its files and their content. */
class FigureImpCommandTest extends ConsoleCapture {
    private static final int LENGTH = 10;
    private static final int UNITS = 3;
    private static final int ROUNDS = 2;

    @Test
    void writesPerRoundStatisticsPlotsMasksAndVerdicts(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("imp");
        int status = LocalizationCli.execute("figure", "imp", "--length", String.valueOf(LENGTH), "--hidden",
                String.valueOf(UNITS), "--batch", "100", "--steps", "10", "--rounds", String.valueOf(ROUNDS),
                "--rate", "0.5", "--held-out", "200", "--seeds", "2", "--workers", "2", "--out", out.toString());
        assertEquals(0, status, stderr());
        assertTrue(stdout().contains("verdicts.nonGaussianInputsNeeded.verdict: "), stdout());

        List<String> csv = Files.readAllLines(out.resolve(ImpFigure.CSV));
        assertEquals(ImpFigure.HEADER, csv.get(0));
        List<String> header = Arrays.asList(ImpFigure.HEADER.split(","));
        // per model: R + 1 IMP rows and 2 one-shot rows (dense, then round R)
        assertEquals(1 + 2 * (ROUNDS + 1 + 2), csv.size(), csv.toString());
        double finalSparsity = 1 - PruningMasks.keptTarget(UNITS * LENGTH, 0.25) / (double) (UNITS * LENGTH);
        Map<String, String> nlgpLast = row(header, csv, "nlgp", "imp", ROUNDS);
        assertEquals("2", nlgpLast.get("seeds"));
        assertEquals(finalSparsity, Double.parseDouble(nlgpLast.get("sparsity")), 1e-12);
        assertEquals(finalSparsity, Double.parseDouble(row(header, csv, "nlgp-clone", "one-shot", ROUNDS)
                .get("sparsity")), 1e-12, "one-shot at IMP's final sparsity");
        assertEquals(0.0, Double.parseDouble(row(header, csv, "nlgp", "one-shot", 0).get("sparsity")));

        // the figure's mean over seeds is the mean of the units' own final measures
        List<String> results = Files.readAllLines(out.resolve(FigureSweeps.SWEEPS).resolve(ImpFigure.NAME)
                .resolve(Sweep.CSV));
        List<String> rh = Arrays.asList(results.get(0).split(","));
        double sum = 0;
        double ratios = 0;
        int n = 0;
        for (String line : results.subList(1, results.size())) {
            String[] f = line.split(",", -1);
            if (f[rh.indexOf("data.model")].equals("nlgp")) {
                sum += Double.parseDouble(f[rh.indexOf("impMeanIpr")]);
                ratios += Double.parseDouble(f[rh.indexOf("impSpan")]) / Double.parseDouble(f[rh.indexOf("impRandomSpan")]);
                n++;
            }
        }
        assertEquals(2, n);
        assertEquals(sum / n, Double.parseDouble(nlgpLast.get("meanIpr")), 1e-12);
        // span over its random-placement expectation: the mean of the seeds' own ratios
        assertEquals(ratios / n, Double.parseDouble(nlgpLast.get("spanOverRandom")), 1e-12);

        for (String file : List.of(ImpFigure.PLOT, "final-mask-nlgp.png", "final-rf-nlgp.png",
                "final-mask-nlgp-clone.png", "final-rf-nlgp-clone.png")) {
            assertTrue(Files.size(out.resolve(file)) > 1000, file);
        }
        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        assertEquals(ImpFigure.NAME, summary.get("figure"));
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) summary.get("measured");
        assertEquals(4, measured.get("units"));
        @SuppressWarnings("unchecked")
        Map<String, Object> verdicts = (Map<String, Object>) measured.get("verdicts");
        assertEquals(List.of("method", "comparisonRound", "comparisonSparsity", "nonGaussianInputsNeeded",
                "nonGaussianInputsNeededByIpr", "localBeyondRandomPlacement.nlgp",
                "localBeyondRandomPlacement.nlgp-clone", "impBeatsOneShot", "impBeatsOneShotByIpr",
                "nonGaussianityGrows"), List.copyOf(verdicts.keySet()));
        assertEquals(ROUNDS, verdicts.get("comparisonRound"));
        // the round-by-round comparison ends at the verdict's round with the verdict's numbers
        List<String> locality = Files.readAllLines(out.resolve(ImpFigure.LOCALITY_CSV));
        assertEquals(ImpFigure.LOCALITY_HEADER, locality.get(0));
        assertEquals(1 + ROUNDS + 1, locality.size(), locality.toString());
        // every verdict carries the mean of its per-seed values and their 95 % interval around it
        @SuppressWarnings("unchecked")
        Map<String, Object> needed = (Map<String, Object>) verdicts.get("nonGaussianInputsNeeded");
        @SuppressWarnings("unchecked")
        List<Double> ci = (List<Double>) needed.get("interval95");
        double mean = ((Number) needed.get("mean")).doubleValue();
        assertTrue(ci.get(0) <= mean && mean <= ci.get(1), needed.toString());
        assertEquals(2, needed.get("seeds"));
        String[] lastRound = locality.get(ROUNDS + 1).split(",");
        assertEquals(mean, Double.parseDouble(lastRound[5]), 1e-12);
        assertEquals(ci.get(0), Double.parseDouble(lastRound[6]), 1e-12);

        // the locality null: spans against the random-placement expectation of as many inputs
        double span = Double.parseDouble(nlgpLast.get("span"));
        double randomSpan = Double.parseDouble(nlgpLast.get("randomSpan"));
        assertTrue(span >= 1 && span <= LENGTH && randomSpan >= 1 && randomSpan <= LENGTH, nlgpLast.toString());
        assertEquals(25.0 / 9, Double.parseDouble(nlgpLast.get("randomDisplacement")), 1e-12);

        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) summary.get("settings");
        @SuppressWarnings("unchecked")
        Map<String, Object> pruning = (Map<String, Object>) settings.get("pruning");
        assertEquals(true, pruning.get("baseline"));
        assertEquals(0.5, pruning.get("rate"));
    }

    @Test
    void rejectsAnInvalidPruningFlagNamingIt(@TempDir Path dir) {
        assertEquals(2, LocalizationCli.execute("figure", "imp", "--rate", "1.5", "--out", dir.toString()));
        assertTrue(stderr().contains("rate"), stderr());
    }

    private static Map<String, String> row(List<String> header, List<String> csv, String model, String protocol,
                                           int round) {
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            if (f[0].equals(model) && f[1].equals(protocol) && f[2].equals(String.valueOf(round))) {
                Map<String, String> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < f.length; i++) {
                    m.put(header.get(i), f[i]);
                }
                return m;
            }
        }
        throw new AssertionError("no row " + model + "/" + protocol + "/" + round + " in " + csv);
    }
}
