package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.sweep.Sweep;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.UnitResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code localization sweep}: a grid of run configurations times seeds ({@link SweepGrid}) on
 * the engine of {@link EngineOptions}, resumable ({@link Sweep}). Exits with status 1
 * when a unit failed (after writing the table), 2 for an invalid grid file.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a grid of run configurations x seeds, resumably.",
            "--grid FILE (JSON or YAML): {base: {run config}, axes: {data.gain: [..], lr: [..]}, seeds: N | [..],"
                    + " task: {kind: train|theory|prune|cnn, ..}, out: DIR}.",
            "Runs on worker threads (--engine local) or as a Spark job (--engine spark: embedded local[N] by default,",
            "any master with --master or under spark-submit); a unit's result is the same on every engine.",
            "Writes units/<id>/ (each run), results/<id>.json (each result; present = complete, skipped on re-runs)",
            "and results.csv (one row per unit) into the output directory."})
final class SweepCommand implements Callable<Integer> {

    @Option(names = "--grid", paramLabel = "FILE", required = true, description = "The grid file (JSON or YAML).")
    Path grid;

    @Mixin
    EngineOptions engine;

    @Option(names = "--out", paramLabel = "DIR", description = "Output directory (overrides the grid's out).")
    Path out;

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public Integer call() {
        SweepGrid g = SweepGrid.read(grid);
        Path dir = out != null ? out : g.out().orElseThrow(() -> new IllegalArgumentException(
                "--out must name an output directory when the grid file has no out entry"));
        Sweep.Outcome outcome;
        try (OutputLock lock = OutputLock.acquire(out != null ? "--out" : "the grid's out", dir, OutputLock.SWEEP)) {
            outcome = new Sweep(g, dir).run(engine.engine(), new Progress(System.err));
        }
        System.out.printf(Locale.ROOT, "sweep: %d units: %d already complete, %d executed, %d failed%n",
                outcome.total(), outcome.skipped(), outcome.executed(), outcome.failed());
        System.out.println("results: " + outcome.csv().toAbsolutePath().normalize());
        return outcome.failed() == 0 ? 0 : LocalizationCli.EXIT_FAILURE;
    }

    /** One line per finished unit: done/pending, failures, elapsed time and ETA. */
    static final class Progress implements Sweep.Listener {
        private final PrintStream out;
        private long startNanos;

        Progress(PrintStream out) {
            this.out = out;
        }

        @Override
        public void started(int total, int skipped) {
            startNanos = System.nanoTime();
            out.printf(Locale.ROOT, "sweep: %d units, %d already complete, %d to run%n", total, skipped,
                    total - skipped);
        }

        @Override
        public void unitDone(UnitResult result, int done, int pending, int failed) {
            double elapsed = (System.nanoTime() - startNanos) * 1e-9;
            String outcome = result.status() == UnitResult.Status.FAILED ? "FAILED: " + result.error()
                    : String.format(Locale.ROOT, "%s, mean IPR %.4f", result.status().name().toLowerCase(Locale.ROOT),
                    result.meanIpr());
            out.printf(Locale.ROOT, "[%d/%d] %s %s  (%d failed, elapsed %s, ETA %s)%n", done, pending, result.id(),
                    outcome, failed, ProgressBar.duration(elapsed),
                    ProgressBar.duration(elapsed / done * (pending - done)));
        }
    }
}
