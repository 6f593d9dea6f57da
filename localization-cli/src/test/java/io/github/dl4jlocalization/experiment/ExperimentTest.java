package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.ShallowNetworkParameters;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * End-to-end runs of the engine on small problems: the files a run writes, resuming a killed run
 * bit for bit, and divergence.
 */
class ExperimentTest {
    /** A small run: K = 3, D = 40, B = 200, 60 steps, records every 7 (and at 60), checkpoints every 20. */
    private static RunConfig small() {
        return RunConfig.builder().hidden(3).batch(200).steps(60).recordEvery(7).checkpointEvery(20)
                .evalSize(300).seed(5).build();
    }

    @Test
    void shortRunWritesEveryFile(@TempDir Path dir) throws IOException {
        RunConfig config = small();
        RunSummary summary = Experiment.create(config, dir.resolve("run")).run();
        RunDirectory run = new RunDirectory(dir.resolve("run"));

        // config.json: every parameter, defaults resolved, plus provenance; reads back to the same config
        Map<String, Object> configFile = JsonFiles.readJson(run.path(RunDirectory.CONFIG), "config");
        assertTrue(configFile.keySet().containsAll(RunConfig.KEYS), configFile.toString());
        assertEquals("dev", configFile.get(RunConfig.VERSION_KEY));
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", configFile.get(RunConfig.BACKEND_KEY));
        assertEquals(config, RunConfig.fromMap(configFile));

        // metrics.csv: header and one row per record step 0, 7, ..., 56, 60
        List<String> metrics = Files.readAllLines(run.path(RunDirectory.METRICS));
        assertEquals("step,time,loss,evalLoss,accuracy,meanIpr,maxIpr", metrics.get(0));
        List<MetricsRow> rows = run.readMetrics();
        long[] steps = rows.stream().mapToLong(MetricsRow::step).toArray();
        assertArrayEquals(new long[] {0, 7, 14, 21, 28, 35, 42, 49, 56, 60}, steps);
        assertTrue(Double.isNaN(rows.get(0).loss()), "no training loss before the first step");
        for (MetricsRow r : rows.subList(1, rows.size())) {
            assertTrue(r.loss() > 0 && r.evalLoss() > 0 && r.accuracy() >= 0 && r.accuracy() <= 1, r.toString());
            assertEquals(r.step() * config.learningRate(), r.time());
            assertTrue(r.meanIpr() >= 1.0 / 40 && r.maxIpr() >= r.meanIpr() && r.maxIpr() <= 1, r.toString());
        }

        // weights.csv: header step,unit,w0..w39 and K = 3 rows per record; IPRs agree with metrics.csv
        List<String> weights = Files.readAllLines(run.path(RunDirectory.WEIGHTS));
        assertEquals(RunDirectory.weightsHeader(40), weights.get(0));
        assertEquals(1 + 3 * rows.size(), weights.size());
        List<WeightSnapshot> snapshots = run.readWeights();
        assertEquals(rows.size(), snapshots.size());
        for (int i = 0; i < rows.size(); i++) {
            double[][] w = snapshots.get(i).fields();
            assertEquals(3, w.length);
            double mean = (LocalizationMetrics.ipr(w[0]) + LocalizationMetrics.ipr(w[1]) + LocalizationMetrics.ipr(w[2])) / 3;
            assertEquals(rows.get(i).meanIpr(), mean, 1e-15);
        }

        // the final snapshot is the final model's weights, exactly
        MultiLayerNetwork finalNet = ModelSerializer.restoreMultiLayerNetwork(run.path(summary.model()).toFile());
        assertArrayEquals(snapshots.get(snapshots.size() - 1).fields(),
                ShallowNetworkParameters.receptiveFields(finalNet));

        // summary.json: the fields of the issue, consistent with the last record
        Map<String, Object> s = JsonFiles.readJson(run.path(RunDirectory.SUMMARY), "summary");
        for (String key : List.of("status", "steps", "finalLoss", "meanIpr", "maxIpr", "iprPerUnit", "peakPerUnit",
                "inputExcessKurtosis", "secondsElapsed", "backend", "version", "peakRssBytes")) {
            assertTrue(s.containsKey(key), "summary lacks " + key);
        }
        assertEquals("completed", s.get("status"));
        assertEquals(60, ((Number) s.get("steps")).intValue());
        assertEquals(rows.get(rows.size() - 1).loss(), ((Number) s.get("finalLoss")).doubleValue());
        assertEquals(rows.get(rows.size() - 1).meanIpr(), ((Number) s.get("meanIpr")).doubleValue(), 1e-15);
        assertEquals(3, ((List<?>) s.get("iprPerUnit")).size());
        assertEquals(3, ((List<?>) s.get("peakPerUnit")).size());
        assertTrue(((Number) s.get("peakRssBytes")).longValue() > 0);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> kurtosis = (Map<String, Map<String, Object>>) s.get("inputExcessKurtosis");
        // NLGP(g=3): exact excess kurtosis -1.834 for both classes and their mixture
        assertEquals(-1.834, ((Number) kurtosis.get("exact").get("overall")).doubleValue(), 5e-4);
        assertEquals(-1.834, ((Number) kurtosis.get("exact").get("label0")).doubleValue(), 5e-4);
        assertNotNull(kurtosis.get("measured").get("label1"));

        // plots: non-empty PNG images
        for (String plot : summary.plots()) {
            BufferedImage image = ImageIO.read(run.path(plot).toFile());
            assertNotNull(image, plot + " is not an image");
            assertTrue(image.getWidth() >= 300 && image.getHeight() >= 200, plot);
            assertTrue(hasDarkPixels(image), plot + " is blank");
        }
        // the checkpoint folder keeps only the last archive
        try (var files = Files.list(run.path(RunDirectory.CHECKPOINTS))) {
            assertEquals(List.of("model-60.zip", "state.json"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void measuredInputKurtosisMatchesTheExactValue(@TempDir Path dir) {
        RunSummary summary = Experiment.create(RunConfig.builder().steps(1).batch(10).evalSize(2000).build(), dir).run();
        InputKurtosis k = summary.inputExcessKurtosis();
        // Delta method for g2 = m4/m2^2 of a symmetric law, standardised moments a_k:
        // n Var(g2) = a8 - 4 a4 a6 + 4 a4^3 - a4^2 = 0.1464 for x = erf(3z)/Z(3) (a4 = 1.1660,
        // a6 = 1.4044, a8 = 1.7152 by quadrature). The 40 pixels of a row are pooled; the estimator
        // is (to first order) a mean over rows of per-row averages, whose variance is at most that of
        // one value, so n = rows is a conservative sample size: 2000 rows overall, at least 950 per
        // class (1000 +- 5 binomial standard deviations of 22). Tolerance: 5 standard errors.
        double nVar = 0.1464;
        assertEquals(k.exact().getAsDouble(), k.measured(), 5 * Math.sqrt(nVar / 2000));
        assertEquals(k.exact0().getAsDouble(), k.measured0(), 5 * Math.sqrt(nVar / 950));
        assertEquals(k.exact1().getAsDouble(), k.measured1(), 5 * Math.sqrt(nVar / 950));
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit(@TempDir Path dir) throws IOException {
        RunConfig config = small();
        Path whole = dir.resolve("whole");
        Experiment.create(config, whole).run();

        // kill at step 45: checkpoint 40 exists, the record of step 42 was written after it
        Path killed = dir.resolve("killed");
        RuntimeException kill = new RuntimeException("killed");
        assertThrows(RuntimeException.class, () -> Experiment.create(config, killed).observer(new Experiment.Observer() {
            @Override
            public void stepDone(long step, long steps, double loss, double meanIpr) {
                if (step == 45) {
                    throw kill;
                }
            }
        }).run());
        RunDirectory k = new RunDirectory(killed);
        assertEquals(42, k.readMetrics().get(k.readMetrics().size() - 1).step());
        // and a torn line, as a kill during a write leaves
        Files.writeString(k.path(RunDirectory.METRICS), "49,4.9,0.2", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        AtomicLong firstStep = new AtomicLong();
        RunSummary resumed = Experiment.resume(killed).observer(new Experiment.Observer() {
            @Override
            public void started(RunConfig c, long first) {
                firstStep.set(first);
            }
        }).run();
        assertEquals(41, firstStep.get(), "resumes after the checkpoint of step 40");
        assertEquals(RunSummary.Status.COMPLETED, resumed.status());

        double[] expected = ModelSerializer.restoreMultiLayerNetwork(whole.resolve("checkpoint/model-60.zip").toFile())
                .params().toDoubleVector();
        double[] actual = ModelSerializer.restoreMultiLayerNetwork(killed.resolve("checkpoint/model-60.zip").toFile())
                .params().toDoubleVector();
        assertArrayEquals(expected, actual, "final parameters must be identical");
        for (String csv : List.of(RunDirectory.METRICS, RunDirectory.WEIGHTS)) {
            assertEquals(Files.readAllLines(whole.resolve(csv)), Files.readAllLines(killed.resolve(csv)), csv);
        }
    }

    @Test
    void resumingACompletedRunRewritesItsOutputsOnly(@TempDir Path dir) throws IOException {
        RunConfig config = RunConfig.builder().batch(100).steps(12).recordEvery(5).build();
        RunSummary first = Experiment.create(config, dir).run();
        List<String> metrics = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        RunSummary again = Experiment.resume(dir).run();
        assertEquals(metrics, Files.readAllLines(dir.resolve(RunDirectory.METRICS)));
        assertEquals(first.steps(), again.steps());
        assertArrayEquals(first.iprPerUnit(), again.iprPerUnit());
        assertEquals(first.finalLoss(), again.finalLoss());
    }

    @Test
    void aHugeLearningRateDiverges(@TempDir Path dir) throws IOException {
        RunConfig config = RunConfig.builder().batch(100).steps(50).recordEvery(10).learningRate(1e300).build();
        RunSummary summary = Experiment.create(config, dir).run();
        assertEquals(RunSummary.Status.DIVERGED, summary.status());
        assertTrue(summary.steps() < 50);
        assertFalse(Double.isFinite(summary.finalLoss()));
        assertEquals(null, summary.model());
        assertEquals("diverged", JsonFiles.readJson(dir.resolve(RunDirectory.SUMMARY), "summary").get("status"));
        assertTrue(summary.divergence().contains("step " + summary.steps())
                && summary.divergence().contains("smaller learning rate"), summary.divergence());
        assertEquals(summary.divergence(),
                JsonFiles.readJson(dir.resolve(RunDirectory.SUMMARY), "summary").get("divergence"));
        // the records written before the divergence are intact: every metrics row has all columns
        List<String> lines = Files.readAllLines(dir.resolve(RunDirectory.METRICS));
        assertTrue(lines.size() >= 2, "header and the step-0 record at least");
        int columns = lines.get(0).split(",").length;
        for (String line : lines) {
            assertEquals(columns, line.split(",").length, line);
        }
    }

    @Test
    void refusesADirectoryThatHoldsARun(@TempDir Path dir) {
        RunConfig config = RunConfig.builder().batch(50).steps(2).build();
        Experiment.create(config, dir).run();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Experiment.create(config, dir));
        assertTrue(e.getMessage().startsWith("out must be a directory without a run"), e.getMessage());
        new RunDirectory(dir).clear();
        Experiment.create(config, dir).run();
    }

    private static boolean hasDarkPixels(BufferedImage image) {
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF) < 3 * 100) {
                    return true;
                }
            }
        }
        return false;
    }
}
