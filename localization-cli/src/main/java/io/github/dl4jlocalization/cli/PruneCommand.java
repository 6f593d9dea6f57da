package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.sweep.PruneTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization prune}: iterative magnitude pruning of the network of a run
 * ({@link PruningRun}), optionally against its one-shot baseline. Takes every flag of {@code run}
 * ({@link RunOptions}); {@code --steps} is the number of SGD steps per round and
 * {@code --held-out} (default: the run's {@code --eval-size}) the held-out samples.
 */
@Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Iterative magnitude pruning (lottery-ticket rounds with rewinding) of the run's network.",
            "Writes rounds.csv (one row per round, flushed as it finishes), summary.json, mask-round-<r>.png, "
                    + "rf-round-<r>.png, ipr-vs-round.png, kurtosis-vs-round.png and stats.bin into --out DIR;",
            "with --baseline also the one-shot baseline (one-shot.csv, one-shot-*.png).",
            "Takes the data and network flags of run; --steps is the SGD steps PER ROUND (default 1000; R+1 phases "
                    + "in all).",
            "Defaults p=0.2, R=10, rewind init, scope first-layer: the common lottery-ticket choices, UNVERIFIED "
                    + "as the papers' settings."})
final class PruneCommand implements Callable<Integer> {
    /** SGD steps per round unless --steps or the config file say otherwise. */
    static final int DEFAULT_STEPS_PER_ROUND = 1000;

    @Mixin
    RunOptions run = new RunOptions(() -> RunConfig.builder().steps(DEFAULT_STEPS_PER_ROUND));

    /** The pruning flags, {@code --baseline} (off unless given) among them. */
    @Mixin
    TaskOptions<PruneTask> pruning = TaskOptions.pruning(PruneTask.of(PruneTask.PARAMETERS.builder()
            .set(PruneTask.BASELINE, false).build()), true);

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public Integer call() {
        PruneTask task = pruning.task();
        RunConfig config = run.configure();
        config.requireFits();
        PruningRun pruningRun = task.pruningRun(config);
        try (OutputLock lock = OutputLock.acquire("--out", out, OutputLock.PRUNE)) {
            System.out.println("prune: " + pruningRun);
            Map<String, Object> summary = pruningRun.run(out, r -> System.err.printf(Locale.ROOT,
                    "%s round %d/%d: sparsity %.4f, loss %.4g, accuracy %.3f, mean IPR %.4f, max IPR %.4f, "
                            + "mean kurtosis %.4f%n", r.oneShot() ? "one-shot" : "IMP", r.round(),
                    r.oneShot() ? 1 : task.rounds(), r.sparsity(), r.loss(), r.accuracy(), r.meanIpr(),
                    PruningRoundsCsv.maxIpr(r), r.meanPreActivationKurtosis())).summary();
            if (summary.containsKey("divergence")) {
                System.out.println("DIVERGED: " + summary.get("divergence"));
            }
            if (summary.containsKey("stopped")) {
                System.out.println("stopped " + summary.get("stopped"));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> last = (Map<String, Object>) summary.get("iterative");
            if (last != null) {
                System.out.printf(Locale.ROOT, "final sparsity %.4f: mean IPR %.4f, max IPR %.4f, accuracy %.3f%n",
                        last.get("finalSparsity"), last.get("finalMeanIpr"), last.get("finalMaxIpr"),
                        last.get("finalAccuracy"));
            }
            System.out.println("output: " + out.toAbsolutePath().normalize());
        }
        return 0;
    }
}
