package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.RunSummary;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization run}: one experiment ({@link RunConfig}) from flags and/or a config file,
 * into an output directory ({@link RunDirectory}); {@code --resume DIR} continues a killed run.
 * Flags override config-file values; unset parameters take {@link RunConfig}'s defaults.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one network by online SGD and record its receptive fields.",
            "Writes config.json, metrics.csv, weights.csv, summary.json, PNG plots and checkpoints into --out DIR.",
            "Defaults: single ReLU neuron (K=1, no bias, frozen readout, init 0.001), lr 0.1, batch 5000, "
                    + "10000 steps, NLGP g=3, xi=0.3,0.7, L=40."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--hidden", paramLabel = "K", description = "Hidden units K >= 1 (default 1).")
    Integer hidden;

    @Option(names = "--activation", paramLabel = "NAME", description = "relu, sigmoid, tanh or erf (default relu).")
    String activation;

    @Option(names = "--bias", paramLabel = "SPEC",
            description = "none, trainable, trainable:INIT or fixed:VALUE (default none).")
    String bias;

    @Option(names = "--readout", paramLabel = "frozen|trained",
            description = "frozen: soft committee machine; trained: two-layer network (default frozen).")
    String readout;

    @Option(names = "--init-scale", paramLabel = "X",
            description = "Variance multiplier of the initial weights (default 0.001).")
    Double initScale;

    @Option(names = "--lr", paramLabel = "X", description = "SGD learning rate > 0 (default 0.1).")
    Double lr;

    @Option(names = "--batch", paramLabel = "B", description = "Fresh samples per SGD step (default 5000).")
    Integer batch;

    @Option(names = "--steps", paramLabel = "T", description = "SGD steps (default 10000).")
    Integer steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of weights, data and evaluation batch (default 0).")
    Long seed;

    @Option(names = "--record-every", paramLabel = "N", description = "Steps between records (default 100).")
    Integer recordEvery;

    @Option(names = "--checkpoint-every", paramLabel = "M",
            description = "Steps between checkpoints; 0: only at the end (default 1000).")
    Integer checkpointEvery;

    @Option(names = "--eval-size", paramLabel = "N",
            description = "Samples of the held-out evaluation batch (default 1000).")
    Integer evalSize;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML config file (flags override it).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (required unless --resume).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run files already in --out.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (takes no other run flags).")
    Path resume;

    @Override
    public Integer call() {
        Experiment experiment;
        if (resume != null) {
            Require.that(config == null && out == null && !overwrite && flags().isEmpty() && data.toMap().isEmpty(),
                    "--resume", resume, "used alone: the run's parameters come from its config.json");
            experiment = Experiment.resume(resume);
        } else {
            Require.that(out != null, "--out", "nothing", "an output directory (or use --resume DIR)");
            RunConfig runConfig = configure();
            if (overwrite) {
                new RunDirectory(out).clear();
            }
            experiment = Experiment.create(runConfig, out);
        }
        RunSummary summary = experiment.observer(ProgressBar.onStderr()).run();
        report(summary, experiment.directory(), System.out);
        return 0;
    }

    /** The config: defaults, then the config file, then the flags. */
    RunConfig configure() {
        RunConfig.Builder builder = RunConfig.builder();
        if (config != null) {
            builder.setAll(JsonFiles.readConfig(config));
        }
        return builder.data(data.toMap()).setAll(flags()).build();
    }

    /** The run flags that were given, under {@link RunConfig}'s keys. */
    private Map<String, Object> flags() {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "hidden", hidden);
        put(m, "activation", activation);
        put(m, "bias", bias);
        put(m, "readout", readout);
        put(m, "initScale", initScale);
        put(m, "lr", lr);
        put(m, "batch", batch);
        put(m, "steps", steps);
        put(m, "seed", seed);
        put(m, "recordEvery", recordEvery);
        put(m, "checkpointEvery", checkpointEvery);
        put(m, "evalSize", evalSize);
        return m;
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Prints where a finished run's files are and its headline numbers. */
    static void report(RunSummary summary, RunDirectory directory, PrintStream out) {
        out.printf(Locale.ROOT,
                "%s after %d of %d steps (%s): final loss %.4g, accuracy %.3f, mean IPR %.4f, max IPR %.4f%n",
                summary.status() == RunSummary.Status.COMPLETED ? "completed" : "DIVERGED", summary.steps(),
                summary.plannedSteps(), ProgressBar.duration(summary.secondsElapsed()), summary.finalLoss(),
                summary.finalAccuracy(), summary.meanIpr(), summary.maxIpr());
        if (summary.divergence() != null) {
            out.println(summary.divergence());
        }
        out.println("run directory: " + directory.dir().toAbsolutePath().normalize());
        out.println("  " + RunDirectory.SUMMARY + ", " + RunDirectory.METRICS + ", " + RunDirectory.WEIGHTS + ", "
                + RunDirectory.CONFIG + (summary.model() == null ? "" : ", " + summary.model()));
        for (String plot : summary.plots()) {
            out.println("  plot: " + directory.path(plot).toAbsolutePath().normalize());
        }
    }
}
