package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.TrainingDivergedException;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the convolutional network of a {@link RunConfig} ({@link RunConfig#convolutionalNetwork},
 * C filters of width w) on exactly the task of the fully connected run of that config: step
 * {@code s = 1..T} fits training batch {@code s - 1} of the run's data seed (the same
 * {@link TrainingStream} as {@link Experiment}), with the same learning rate and batch size, and
 * is scored on the same evaluation batch. The run directory has the layout of a fully connected
 * run, with the filters in the place of the receptive fields, so {@link RunDirectory#readWeights}
 * reads them back:
 * <ul>
 *   <li>{@value RunDirectory#WEIGHTS}: one row per (record step, channel c): {@code step,unit,w0..}
 *       with the C filters' w taps {@code f_c0 .. f_c(w-1)} ({@link ConvolutionalNetwork#filters});</li>
 *   <li>{@value RunDirectory#METRICS}: the {@link MetricsRow}s (IPR of the filters);</li>
 *   <li>records at step 0, every {@code recordEvery} steps and at T; the final network under
 *       {@value RunDirectory#CHECKPOINTS}/; the filters' evolution, heatmap and IPR plots;</li>
 *   <li>{@value RunDirectory#SUMMARY}: the {@link RunSummary} (units = filters) with
 *       {@code channels}, {@code filterWidth} and the config. No {@value RunDirectory#CONFIG}: the
 *       directory cannot be resumed as a fully connected run.</li>
 * </ul>
 * A non-finite loss or filter stops the run as {@link RunSummary.Status#DIVERGED}.
 */
public final class ConvolutionalRun {
    private final RunConfig config;
    private final ConvolutionalNetwork network;

    /**
     * @param config      the data, network options, learning rate, batch, steps, seed and record schedule
     * @param channels    C >= 1
     * @param filterWidth w in [1, D]
     */
    public ConvolutionalRun(RunConfig config, int channels, int filterWidth) {
        this.config = Require.nonNull("config", config);
        this.network = config.convolutionalNetwork(channels, filterWidth);
    }

    /** The network description. */
    public ConvolutionalNetwork network() {
        return network;
    }

    /**
     * Trains into {@code dir} (created if needed) and writes every output.
     *
     * @return the summary, also written to {@value RunDirectory#SUMMARY}
     */
    public RunSummary run(Path dir) {
        long started = System.nanoTime();
        RunDirectory directory = new RunDirectory(Require.nonNull("dir", dir));
        AtomicFiles.checkWritableParent(directory.path(RunDirectory.SUMMARY));
        DataModel model = config.dataModel();
        LabelledBatch evalBatch = new BatchSampler(model, config.evalSeed()).sample(0, config.evalSize());
        EvaluationBatch evaluation = new EvaluationBatch(evalBatch);
        MultiLayerNetwork net = network.network();
        directory.startCsvFiles(network.filterWidth());
        DivergenceGuard guard = new DivergenceGuard();
        RunSummary.Status status = RunSummary.Status.COMPLETED;
        String divergence = null;
        long step = 0;
        double loss = Double.NaN;
        try (BufferedWriter metrics = directory.append(RunDirectory.METRICS);
             BufferedWriter weights = directory.append(RunDirectory.WEIGHTS);
             TrainingStream batches = new TrainingStream(model, config.dataSeed(), config.batch(), 0, config.steps(),
                     false)) {
            record(net, step, loss, evaluation, metrics, weights);
            while (step < config.steps()) {
                net.fit(batches.next());
                step++;
                loss = net.score();
                try {
                    guard.check(net, step, 0);
                } catch (TrainingDivergedException e) {
                    status = RunSummary.Status.DIVERGED;
                    divergence = e.getMessage();
                    break;
                }
                if (step % config.recordEvery() == 0 || step == config.steps()) {
                    record(net, step, loss, evaluation, metrics, weights);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the records of " + dir + ": " + e.getMessage(), e);
        }
        String checkpoint = status == RunSummary.Status.COMPLETED ? RunDirectory.CHECKPOINTS + "/"
                + Checkpoints.write(directory.path(RunDirectory.CHECKPOINTS), net, step,
                (System.nanoTime() - started) * 1e-9).model() : null;
        return summarize(directory, status, step, loss, evalBatch, model, checkpoint, divergence, started);
    }

    /** Appends the filters and a metrics row of the current step (both flushed). */
    private void record(MultiLayerNetwork net, long step, double loss, EvaluationBatch evaluation,
                        BufferedWriter metrics, BufferedWriter weights) throws IOException {
        double[][] filters = ConvolutionalNetwork.filters(net);
        double[] ipr = new double[filters.length];
        for (int c = 0; c < filters.length; c++) {
            ipr[c] = LocalizationMetrics.ipr(filters[c]);
            weights.write(RunDirectory.weightsRow(step, c, filters[c]));
            weights.write('\n');
        }
        weights.flush();
        EvaluationBatch.Score score = evaluation.score(net);
        MetricsRow row = new MetricsRow(step, step * config.learningRate(), loss, score.loss(), score.accuracy(),
                Arrays.stream(ipr).average().orElse(Double.NaN),
                Arrays.stream(ipr).max().orElse(Double.NaN));
        metrics.write(row.toCsv());
        metrics.write('\n');
        metrics.flush();
    }

    private RunSummary summarize(RunDirectory directory, RunSummary.Status status, long step, double loss,
                                 LabelledBatch evalBatch, DataModel model, String checkpoint, String divergence,
                                 long started) {
        List<MetricsRow> rows = directory.readMetrics();
        List<WeightSnapshot> snapshots = directory.readWeights();
        MetricsRow last = rows.get(rows.size() - 1);
        double[][] filters = snapshots.get(snapshots.size() - 1).fields();
        double[] ipr = new double[filters.length];
        List<SignedPeak> peaks = new ArrayList<>(filters.length);
        for (int c = 0; c < filters.length; c++) {
            ipr[c] = LocalizationMetrics.ipr(filters[c]);
            peaks.add(LocalizationMetrics.signedPeak(filters[c]));
        }
        Plots.receptiveFieldEvolution(snapshots, directory.path(RunDirectory.RF_EVOLUTION_PLOT));
        Plots.weightHeatmap(filters, "Final CNN filters, sorted by IPR (top: most localized)",
                directory.path(RunDirectory.WEIGHTS_PLOT));
        Plots.iprCurves(rows.stream().mapToDouble(MetricsRow::step).toArray(),
                rows.stream().mapToDouble(MetricsRow::meanIpr).toArray(),
                rows.stream().mapToDouble(MetricsRow::maxIpr).toArray(), network.filterWidth(),
                directory.path(RunDirectory.IPR_PLOT));
        RunSummary summary = new RunSummary(status, step, config.steps(), loss, last.evalLoss(), last.accuracy(),
                last.step(), ipr, List.copyOf(peaks), InputKurtosis.of(evalBatch, model),
                (System.nanoTime() - started) * 1e-9, Provenance.backend(), Provenance.version(),
                Provenance.peakResidentBytes(), checkpoint,
                List.of(RunDirectory.RF_EVOLUTION_PLOT, RunDirectory.WEIGHTS_PLOT, RunDirectory.IPR_PLOT), divergence);
        Map<String, Object> file = new LinkedHashMap<>(summary.toMap());
        file.put("channels", network.channels());
        file.put("filterWidth", network.filterWidth());
        file.put("config", config.toMap());
        JsonFiles.write(directory.path(RunDirectory.SUMMARY), file);
        return summary;
    }

    @Override
    public String toString() {
        return "ConvolutionalRun[" + network + ", " + config + "]";
    }
}
