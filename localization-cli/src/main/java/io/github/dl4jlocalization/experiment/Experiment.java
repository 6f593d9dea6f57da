package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.listeners.ReceptiveFieldReader;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

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
 * batches as one {@link TrainingRun}, records, checkpoints, and at the end a {@link RunSummary}
 * and the {@link Plots}, built from the records kept in memory.
 *
 * <h2>The run</h2>
 * Step {@code s = 1..T} fits training batch {@code s - 1} of the run's data seed
 * ({@link TrainingRun#batches}, generated on a second thread), all in one
 * {@code net.fit(iterator)} with the run's listener stack ({@link TrainingRun}: the
 * {@code DivergenceGuard} first). The run records at step 0 (the initial weights), at every
 * multiple of {@link RunConfig#recordEvery()} and at step T: the weights go to
 * {@value RunDirectory#WEIGHTS}, and a {@link MetricsRow} with the step's training loss and the
 * loss and accuracy on the run's {@link HeldOutBatch} goes to {@value RunDirectory#METRICS}; both
 * are flushed at once. It checkpoints at every multiple of {@link RunConfig#checkpointEvery()}
 * and at step T ({@link Checkpoints}). A non-finite training loss or weight stops the run as
 * {@link RunSummary.Status#DIVERGED}, naming the step and the quantity, with every record written
 * before intact. With a {@link StatsFile} the same stack feeds DL4J's stats file.
 *
 * <h2>Resuming</h2>
 * {@link #resume(Path)} reads the directory's {@value RunDirectory#CONFIG} and last checkpoint,
 * drops the CSV rows written after it, and continues. Since batch t depends on (seed, t) only and
 * the checkpoint holds the exact parameters, the resumed run ends with the same weights, bit for
 * bit, and the same CSV rows as an uninterrupted one.
 *
 * <h2>The convolutional run</h2>
 * {@link #convolutional} trains the convolutional network of the config
 * ({@link RunConfig#convolutionalNetwork}, C filters of width w) on exactly the task of the fully
 * connected run: the same batches, learning rate, held-out batch and records, with the filters in
 * the place of the receptive fields ({@value RunDirectory#WEIGHTS}: one row per record step and
 * channel, the filter's w taps, {@link ConvolutionalNetwork#filters}). It checkpoints at the end
 * only and writes no {@value RunDirectory#CONFIG} (it cannot be resumed as a fully connected
 * run); its summary adds {@code channels}, {@code filterWidth} and the config.
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

    /** The receptive fields of the convolutional network: its C filters of w taps. */
    private enum Filters implements ReceptiveFieldReader {
        INSTANCE;

        @Override
        public double[][] read(Model model) {
            return ConvolutionalNetwork.filters((MultiLayerNetwork) model);
        }

        @Override
        public String toString() {
            return "convolution filters";
        }
    }

    private final RunConfig config;
    private final RunDirectory directory;
    private final boolean resuming;
    /** The convolutional network trained instead of the config's own, or null. */
    private final ConvolutionalNetwork convolutional;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Observer observer = new Observer() {
    };
    private StatsFile stats;
    private boolean prefetch = true;
    private boolean ran;
    private List<WeightSnapshot> snapshots;

    private Experiment(RunConfig config, RunDirectory directory, boolean resuming, ConvolutionalNetwork convolutional) {
        this.config = config;
        this.directory = directory;
        this.resuming = resuming;
        this.convolutional = convolutional;
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
        return new Experiment(config, directory, false, null);
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
        return new Experiment(RunConfig.fromMap(map), directory, true, null);
    }

    /**
     * The convolutional run of {@code config} ({@link RunConfig#convolutionalNetwork}) into
     * {@code dir} (created if needed; its run files are replaced).
     *
     * @param channels    C >= 1
     * @param filterWidth w in [1, D]
     */
    public static Experiment convolutional(RunConfig config, int channels, int filterWidth, Path dir) {
        Require.nonNull("config", config);
        RunDirectory directory = new RunDirectory(Require.nonNull("dir", dir));
        AtomicFiles.checkWritableParent(directory.path(RunDirectory.SUMMARY));
        return new Experiment(config, directory, false, config.convolutionalNetwork(channels, filterWidth));
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

    /**
     * Adds a DL4J listener to the run's stack, right after the divergence guard (before the
     * recording listeners); it sees every step.
     */
    public Experiment listener(TrainingListener listener) {
        listeners.add(Require.nonNull("listener", listener));
        return this;
    }

    /** Feeds {@code stats} (DL4J's statistics, receptive-field and kurtosis records) in a new session. */
    public Experiment stats(StatsFile stats) {
        this.stats = Require.nonNull("stats", stats);
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
            // the CSV files first: a directory with config.json (a run) always has them
            directory.startCsvFiles(convolutional == null ? model.dimension() : convolutional.filterWidth());
            if (convolutional == null) {
                Map<String, Object> file = new LinkedHashMap<>(config.toMap());
                file.put(RunConfig.VERSION_KEY, Provenance.version());
                file.put(RunConfig.BACKEND_KEY, Provenance.backend());
                JsonFiles.write(directory.path(RunDirectory.CONFIG), file);
            }
        }
        createDirectory(checkpoints);
        Optional<Checkpoints.Restored> restored = resuming ? Checkpoints.read(checkpoints) : Optional.empty();
        long start = restored.map(r -> r.state().step()).orElse(0L);
        double secondsBefore = restored.map(r -> r.state().secondsElapsed()).orElse(0.0);
        Require.that(start <= config.steps(), "checkpoint step", start, "at most the planned steps " + config.steps());
        MultiLayerNetwork net = restored.map(Checkpoints.Restored::network).orElseGet(this::newNetwork);
        // a checkpoint written during fit stores DL4J's counter before its step: the state's step counts
        net.setIterationCount((int) start);
        HeldOutBatch heldOut = HeldOutBatch.of(config, model, config.evalSize());
        List<MetricsRow> rows = new ArrayList<>();
        snapshots = new ArrayList<>();
        if (resuming) {
            directory.truncateAfter(restored.isPresent() ? start : -1);
            rows.addAll(directory.readMetrics());
            snapshots.addAll(directory.readWeights());
        }
        TrainingRun run;
        TrainingRun.Outcome outcome;
        try (WeightsCsvSink weights = new WeightsCsvSink(directory);
             MetricsCsvSink metrics = new MetricsCsvSink(directory.path(RunDirectory.METRICS))) {
            String resumedFrom = restored.map(r -> r.state().model()).orElse(null);
            TrainingRun.Builder builder = TrainingRun.builder(config.recordEvery())
                    .reader(convolutional == null ? ReceptiveFieldReader.denseLayer("0_W") : Filters.INSTANCE)
                    .fieldSink(weights).heldOut(heldOut).metrics(config.learningRate(), metrics)
                    .checkpoints(checkpoints, convolutional == null ? config.checkpointEvery() : 0, secondsBefore,
                            started, resumedFrom)
                    .observer(observer, config.steps(), rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1).meanIpr())
                    .prefetch(prefetch);
            listeners.forEach(builder::listener);
            if (stats != null) {
                builder.stats(stats.storage(), stats.newSession());
            }
            run = builder.build();
            if (start == 0) {
                run.recordNow(net);
            }
            observer.started(config, start + 1);
            outcome = start < config.steps() ? run.fit(net, TrainingRun.batches(config, model, start, config.steps()))
                    : new TrainingRun.Outcome(start, Double.NaN, null, resumedFrom);
        }
        rows.addAll(run.metricsRows());
        for (ReceptiveFieldRecord r : run.fieldRecords()) {
            snapshots.add(new WeightSnapshot(r.iteration(), r.receptiveFields()));
        }
        RunSummary summary = summarize(outcome, start, rows, heldOut,
                secondsBefore + (System.nanoTime() - started) * 1e-9);
        observer.finished(summary, directory);
        return summary;
    }

    /** The weights at every record of the run (those before a resume too), in step order; after {@link #run}. */
    public List<WeightSnapshot> snapshots() {
        Require.that(snapshots != null, "snapshots", "before run()", "asked for after run()");
        return List.copyOf(snapshots);
    }

    private MultiLayerNetwork newNetwork() {
        return convolutional == null ? config.network().network() : convolutional.network();
    }

    /** The summary and plots of the records, written into the directory. */
    private RunSummary summarize(TrainingRun.Outcome outcome, long start, List<MetricsRow> rows, HeldOutBatch heldOut,
                                 double seconds) {
        MetricsRow last = rows.get(rows.size() - 1);
        double[][] fields = snapshots.get(snapshots.size() - 1).fields();
        List<String> plots = List.of(RunDirectory.RF_EVOLUTION_PLOT, RunDirectory.WEIGHTS_PLOT, RunDirectory.IPR_PLOT);
        Plots.receptiveFieldEvolution(snapshots, directory.path(RunDirectory.RF_EVOLUTION_PLOT));
        if (convolutional == null) {
            Plots.weightHeatmap(fields, directory.path(RunDirectory.WEIGHTS_PLOT));
        } else {
            Plots.weightHeatmap(fields, "Final CNN filters, sorted by IPR (top: most localized)",
                    directory.path(RunDirectory.WEIGHTS_PLOT));
        }
        Plots.iprCurves(rows.stream().mapToDouble(MetricsRow::step).toArray(),
                rows.stream().mapToDouble(MetricsRow::meanIpr).toArray(),
                rows.stream().mapToDouble(MetricsRow::maxIpr).toArray(), fields[0].length,
                directory.path(RunDirectory.IPR_PLOT));
        RunSummary.Status status = outcome.status();
        RunSummary summary = new RunSummary(status, outcome.steps(), config.steps(),
                outcome.steps() > start ? outcome.lastLoss() : last.loss(), last.evalLoss(), last.accuracy(),
                last.step(), LocalizationMetrics.iprPerUnit(fields), List.of(LocalizationMetrics.signedPeaks(fields)),
                heldOut.inputKurtosis(), seconds, Provenance.backend(), Provenance.version(),
                Provenance.peakResidentBytes(),
                status == RunSummary.Status.COMPLETED ? RunDirectory.CHECKPOINTS + "/" + outcome.checkpoint() : null,
                plots, outcome.divergence() == null ? null : outcome.divergence().getMessage());
        Map<String, Object> file = new LinkedHashMap<>(summary.toMap());
        if (convolutional != null) {
            file.put("channels", convolutional.channels());
            file.put("filterWidth", convolutional.filterWidth());
            file.put("config", config.toMap());
        }
        JsonFiles.write(directory.path(RunDirectory.SUMMARY), file);
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
        return "Experiment[" + directory.dir() + (resuming ? ", resuming" : "")
                + (convolutional == null ? "" : ", " + convolutional) + ", " + config + "]";
    }
}
