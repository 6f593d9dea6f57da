package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.dashboard.LocalizationDashboard;
import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.RunSummary;
import io.github.dl4jlocalization.experiment.StatsFile;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code localization run}: one experiment ({@link RunConfig}) from flags and/or a config file,
 * into an output directory ({@link RunDirectory}); {@code --resume DIR} continues a killed run.
 * Flags override config-file values; unset parameters take {@link RunConfig}'s defaults.
 */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train one network by online SGD and record its receptive fields.",
            "Writes config.json, metrics.csv, weights.csv, summary.json, PNG plots and checkpoints into --out DIR.",
            "Defaults: the single ReLU neuron on NLGP of the papers' IPR-vs-kurtosis sweep; each flag below shows "
                    + "its default."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (required unless --resume).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run files already in --out.")
    boolean overwrite;

    @Option(names = "--ui", description = "Serve the DL4J UI with the localization page on 127.0.0.1 while training "
            + "(DL4J's StatsListener and the receptive-field records every --record-every steps).")
    boolean ui;

    @Option(names = "--ui-port", defaultValue = "9000", paramLabel = "PORT",
            description = "Port of --ui on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int uiPort;

    @Option(names = "--no-stats", description = "Do not write the DL4J stats file stats.bin (written by default so "
            + "that 'localization dashboard DIR' can replay the run).")
    boolean noStats;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run in DIR from its last checkpoint (takes no other run flags).")
    Path resume;

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public Integer call() {
        RunConfig runConfig = null;
        if (resume != null) {
            Require.that(out == null && !overwrite && run.isEmpty(),
                    "--resume", resume, "used alone: the run's parameters come from its config.json");
        } else {
            Require.that(out != null, "--out", "nothing", "an output directory (or use --resume DIR)");
            runConfig = run.configure();
            runConfig.requireFits();
        }
        try (OutputLock lock = resume != null ? OutputLock.acquire("--resume", resume, OutputLock.RUN)
                : OutputLock.acquire("--out", out, OutputLock.RUN)) {
            Experiment experiment;
            if (resume != null) {
                experiment = Experiment.resume(resume);
            } else {
                if (overwrite) {
                    new RunDirectory(out).clear();
                }
                experiment = Experiment.create(runConfig, out);
            }
            train(experiment);
        }
        return 0;
    }

    private void train(Experiment experiment) {
        StatsFile stats = noStats && !ui ? null : new StatsFile(experiment.directory().dir());
        LocalizationDashboard dashboard = null;
        try {
            if (stats != null) {
                experiment.stats(stats);
            }
            if (ui) {
                dashboard = LocalizationDashboard.start(stats.storage(), uiPort);
                System.out.println("Localization dashboard: " + dashboard.url());
            }
            RunSummary summary = experiment.observer(ProgressBar.onStderr()).run();
            report(summary, experiment.directory(), System.out);
            if (dashboard != null && System.console() != null) {
                System.out.println("The dashboard stays up until you press Enter; replay it later with: "
                        + "localization dashboard " + experiment.directory().dir());
                System.console().readLine();
            }
        } finally {
            if (dashboard != null) {
                dashboard.close();
            }
            if (stats != null) {
                stats.close();
            }
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
