package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.TrainingDivergedException;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one {@link RunConfig} into a run directory ({@link RunDirectory}): online SGD on fresh
 * batches, records, checkpoints, and at the end a {@link RunSummary} and the {@link Plots}.
 *
 * <h2>The loop</h2>
 * Step {@code s = 1..T} fits the network (plain SGD, DL4J {@code fit(DataSet)}) on training batch
 * {@code s - 1} of the run's data seed ({@link TrainingStream}, generated on a second thread).
 * The run records at step 0 (the initial weights) and at every multiple of
 * {@link RunConfig#recordEvery()} and at step T: {@link ReceptiveFieldListener#recordNow} writes
 * the weights to {@value RunDirectory#WEIGHTS}, and a {@link MetricsRow} with the step's training
 * loss and the loss and accuracy on a fixed evaluation batch (fresh samples from the run's
 * evaluation seed) goes to {@value RunDirectory#METRICS}; both are flushed at once. It checkpoints
 * at every multiple of {@link RunConfig#checkpointEvery()} and at step T ({@link Checkpoints}).
 * A non-finite training loss, or non-finite weights at a record step, stops the run as
 * {@link RunSummary.Status#DIVERGED}.
 *
 * <h2>Resuming</h2>
 * {@link #resume(Path)} reads the directory's {@value RunDirectory#CONFIG} and last checkpoint,
 * drops the CSV rows written after it, and continues. Since batch t depends on (seed, t) only and
 * the checkpoint holds the exact parameters, the resumed run ends with the same weights, bit for
 * bit, and the same CSV rows as an uninterrupted one.
 *
 * <p>Usage (no command-line dependencies; the CLI's {@code run} is a thin wrapper):
 * <pre>{@code
 * RunSummary s = Experiment.create(RunConfig.builder().steps(2000).build(), Path.of("runs/a"))
 *         .observer(myProgress)
 *         .run();
 * }</pre>
 * An {@code Experiment} runs once; it is not thread-safe.
 */
public final class Experiment {

    /** Follows a run's progress (e.g. a progress bar); every method is optional. */
    public interface Observer {
        /**
         * Called before the first step.
         *
         * @param config    the run's configuration
         * @param firstStep the first step to be done (1, or the checkpoint's step + 1)
         */
        default void started(RunConfig config, long firstStep) {
        }

        /**
         * Called after every step.
         *
         * @param step    steps done
         * @param steps   steps planned
         * @param loss    the step's training loss
         * @param meanIpr mean IPR at the last record
         */
        default void stepDone(long step, long steps, double loss, double meanIpr) {
        }

        /** Called once the summary and plots are written. */
        default void finished(RunSummary summary, RunDirectory directory) {
        }
    }

    private final RunConfig config;
    private final RunDirectory directory;
    private final boolean resuming;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Observer observer = new Observer() {
    };
    private boolean prefetch = true;
    private boolean ran;

    private Experiment(RunConfig config, RunDirectory directory, boolean resuming) {
        this.config = config;
        this.directory = directory;
        this.resuming = resuming;
    }

    /**
     * A new run of {@code config} into {@code dir} (created if needed).
     *
     * @throws IllegalArgumentException if {@code dir} is not writable or already holds a run
     */
    public static Experiment create(RunConfig config, Path dir) {
        Require.nonNull("config", config);
        RunDirectory directory = new RunDirectory(Require.nonNull("out", dir));
        AtomicFiles.checkWritableParent(directory.path(RunDirectory.CONFIG));
        Require.that(!directory.holdsRun(), "out", dir,
                "a directory without a run (it holds " + RunDirectory.CONFIG
                        + "; resume it, clear it or choose another)");
        return new Experiment(config, directory, false);
    }

    /**
     * The run in {@code dir}, to be continued from its last checkpoint (from the start when it
     * has none).
     *
     * @throws IllegalArgumentException if {@code dir} holds no readable run
     */
    public static Experiment resume(Path dir) {
        RunDirectory directory = new RunDirectory(Require.nonNull("resume", dir));
        Require.that(directory.holdsRun(), "resume", dir, "a run directory (with " + RunDirectory.CONFIG + ")");
        AtomicFiles.checkWritableParent(directory.path(RunDirectory.CONFIG));
        Map<String, Object> map = JsonFiles.readJson(directory.path(RunDirectory.CONFIG), "run configuration");
        return new Experiment(RunConfig.fromMap(map), directory, true);
    }

    /** The configuration. */
    public RunConfig config() {
        return config;
    }

    /** The run directory. */
    public RunDirectory directory() {
        return directory;
    }

    /** Sets the progress observer. */
    public Experiment observer(Observer observer) {
        this.observer = Require.nonNull("observer", observer);
        return this;
    }

    /** Adds a DL4J listener to the network (e.g. a divergence guard); it sees every step. */
    public Experiment listener(TrainingListener listener) {
        listeners.add(Require.nonNull("listener", listener));
        return this;
    }

    /** Whether to generate batches on a second thread (default true; the results are identical). */
    public Experiment prefetch(boolean prefetch) {
        this.prefetch = prefetch;
        return this;
    }

    /**
     * Trains to the planned number of steps (or divergence), writing every output.
     *
     * @return the summary, also written to {@value RunDirectory#SUMMARY}
     * @throws IllegalStateException if this experiment already ran
     */
    public RunSummary run() {
        if (ran) {
            throw new IllegalStateException("an Experiment runs once: " + this);
        }
        ran = true;
        long started = System.nanoTime();
        DataModel model = config.dataModel();
        Path checkpoints = directory.path(RunDirectory.CHECKPOINTS);
        if (!resuming) {
            Map<String, Object> file = new LinkedHashMap<>(config.toMap());
            file.put(RunConfig.VERSION_KEY, Provenance.version());
            file.put(RunConfig.BACKEND_KEY, Provenance.backend());
            // the CSV files first: a directory with config.json (a run) always has them
            directory.startCsvFiles(model.dimension());
            JsonFiles.write(directory.path(RunDirectory.CONFIG), file);
        }
        createDirectory(checkpoints);
        Optional<Checkpoints.Restored> restored = resuming ? Checkpoints.read(checkpoints) : Optional.empty();
        MultiLayerNetwork net = restored.map(Checkpoints.Restored::network).orElseGet(() -> config.network().network());
        long start = restored.map(r -> r.state().step()).orElse(0L);
        double secondsBefore = restored.map(r -> r.state().secondsElapsed()).orElse(0.0);
        Require.that(start <= config.steps(), "checkpoint step", start, "at most the planned steps " + config.steps());
        net.setListeners(listeners);
        LabelledBatch evalBatch = new BatchSampler(model, config.evalSeed()).sample(0, config.evalSize());
        Loop loop = new Loop(net, evalBatch, start, restored.map(r -> r.state().model()).orElse(null), secondsBefore,
                started);
        if (resuming) {
            directory.truncateAfter(restored.isPresent() ? start : -1);
            List<MetricsRow> kept = directory.readMetrics();
            if (!kept.isEmpty()) {
                loop.lastMeanIpr = kept.get(kept.size() - 1).meanIpr();
            }
        }
        RunSummary.Status status = loop.train();
        RunSummary summary = summarize(status, loop, evalBatch, model, started, secondsBefore);
        observer.finished(summary, directory);
        return summary;
    }

    /** The training loop's state: the network, the open output files and the last values seen. */
    private final class Loop {
        private final MultiLayerNetwork net;
        private final EvaluationBatch evaluation;
        private final long start;
        private final double secondsBefore;
        private final long startedNanos;
        private long step;
        private double lastLoss = Double.NaN;
        private double lastMeanIpr = Double.NaN;
        private final DivergenceGuard guard = new DivergenceGuard();
        /** The guard's message when the run diverged, else null. */
        private String divergence;
        /** Archive name of the last checkpoint written or restored (null: none). */
        private String checkpoint;

        Loop(MultiLayerNetwork net, LabelledBatch eval, long start, String checkpoint, double secondsBefore,
             long startedNanos) {
            this.net = net;
            this.evaluation = new EvaluationBatch(eval);
            this.start = start;
            this.checkpoint = checkpoint;
            this.secondsBefore = secondsBefore;
            this.startedNanos = startedNanos;
            this.step = start;
        }

        RunSummary.Status train() {
            try (BufferedWriter metrics = directory.append(RunDirectory.METRICS);
                 WeightsCsvSink weights = new WeightsCsvSink(directory.append(RunDirectory.WEIGHTS))) {
                ReceptiveFieldListener recorder = new ReceptiveFieldListener.Builder(config.recordEvery())
                        .sink(weights).build();
                if (start == 0) {
                    record(recorder, metrics);
                }
                observer.started(config, start + 1);
                return start < config.steps() ? fit(recorder, metrics, config.steps()) : RunSummary.Status.COMPLETED;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the records of " + directory.dir() + ": " + e.getMessage(),
                        e);
            }
        }

        private RunSummary.Status fit(ReceptiveFieldListener recorder, BufferedWriter metrics, int steps)
                throws IOException {
            try (TrainingStream batches = new TrainingStream(config.dataModel(), config.dataSeed(), config.batch(),
                    start, steps, prefetch)) {
                while (step < steps) {
                    net.fit(batches.next());
                    step++;
                    lastLoss = net.score();
                    try {
                        guard.check(net, step, 0);
                    } catch (TrainingDivergedException e) {
                        divergence = e.getMessage();
                        return RunSummary.Status.DIVERGED;
                    }
                    if (step % config.recordEvery() == 0 || step == steps) {
                        record(recorder, metrics);
                    }
                    if (step == steps || config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                        checkpoint = Checkpoints.write(directory.path(RunDirectory.CHECKPOINTS), net, step, seconds())
                                .model();
                    }
                    observer.stepDone(step, steps, lastLoss, lastMeanIpr);
                }
            }
            return RunSummary.Status.COMPLETED;
        }

        /** Records the current step: weights (through the listener's sinks) and a metrics row. */
        private void record(ReceptiveFieldListener recorder, BufferedWriter metrics) throws IOException {
            ReceptiveFieldRecord record = recorder.recordNow(net, step, 0);
            EvaluationBatch.Score score = evaluation.score(net);
            MetricsRow row = new MetricsRow(step, step * config.learningRate(), step == 0 ? Double.NaN : lastLoss,
                    score.loss(), score.accuracy(), record.meanIpr(), record.maxIpr());
            metrics.write(row.toCsv());
            metrics.write('\n');
            metrics.flush();
            lastMeanIpr = record.meanIpr();
        }

        double seconds() {
            return secondsBefore + (System.nanoTime() - startedNanos) * 1e-9;
        }
    }

    private RunSummary summarize(RunSummary.Status status, Loop loop, LabelledBatch evalBatch, DataModel model,
                                 long started, double secondsBefore) {
        List<MetricsRow> rows = directory.readMetrics();
        List<WeightSnapshot> snapshots = directory.readWeights();
        MetricsRow last = rows.get(rows.size() - 1);
        double[][] fields = snapshots.get(snapshots.size() - 1).fields();
        double[] ipr = new double[fields.length];
        List<SignedPeak> peaks = new ArrayList<>(fields.length);
        for (int k = 0; k < fields.length; k++) {
            ipr[k] = LocalizationMetrics.ipr(fields[k]);
            peaks.add(LocalizationMetrics.signedPeak(fields[k]));
        }
        List<String> plots = List.of(RunDirectory.RF_EVOLUTION_PLOT, RunDirectory.WEIGHTS_PLOT, RunDirectory.IPR_PLOT);
        Plots.receptiveFieldEvolution(snapshots, directory.path(RunDirectory.RF_EVOLUTION_PLOT));
        Plots.weightHeatmap(fields, directory.path(RunDirectory.WEIGHTS_PLOT));
        Plots.iprCurves(rows.stream().mapToDouble(MetricsRow::step).toArray(),
                rows.stream().mapToDouble(MetricsRow::meanIpr).toArray(),
                rows.stream().mapToDouble(MetricsRow::maxIpr).toArray(), model.dimension(),
                directory.path(RunDirectory.IPR_PLOT));
        double finalLoss = loop.step > loop.start ? loop.lastLoss : last.loss();
        RunSummary summary = new RunSummary(status, loop.step, config.steps(), finalLoss, last.evalLoss(),
                last.accuracy(), last.step(), ipr, List.copyOf(peaks), InputKurtosis.of(evalBatch, model),
                secondsBefore + (System.nanoTime() - started) * 1e-9, Provenance.backend(), Provenance.version(),
                Provenance.peakResidentBytes(),
                status == RunSummary.Status.COMPLETED ? RunDirectory.CHECKPOINTS + "/" + loop.checkpoint : null, plots,
                loop.divergence);
        JsonFiles.write(directory.path(RunDirectory.SUMMARY), summary.toMap());
        return summary;
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Experiment[" + directory.dir() + (resuming ? ", resuming" : "") + ", " + config + "]";
    }
}
