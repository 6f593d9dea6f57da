package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.PruningRoundsCsv;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.util.Require;
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
                    + "rf-round-<r>.png, ipr-vs-round.png and kurtosis-vs-round.png into --out DIR;",
            "with --baseline also the one-shot baseline (one-shot.csv, one-shot-*.png).",
            "Takes the data and network flags of run; --steps is the SGD steps PER ROUND (default 1000; R+1 phases "
                    + "in all).",
            "Defaults p=0.2, R=10, rewind init, scope first-layer: the common lottery-ticket choices, UNVERIFIED "
                    + "as the papers' settings."})
final class PruneCommand implements Callable<Integer> {
    /** SGD steps per round unless --steps or the config file say otherwise. */
    static final int DEFAULT_STEPS_PER_ROUND = 1000;

    @Mixin
    RunOptions run;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "" + IterativeMagnitudePruning.DEFAULT_ROUNDS,
            description = "Pruning rounds R >= 1 (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--rate", paramLabel = "p", defaultValue = "" + IterativeMagnitudePruning.DEFAULT_RATE,
            description = "Fraction of the kept weights pruned per round, in (0, 1) (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--rewind", paramLabel = "init|STEP", defaultValue = PruningRun.REWIND_INIT,
            description = "Rewind point after each pruning: init (the initial weights) or the state after STEP "
                    + "updates of the first round (default ${DEFAULT-VALUE}).")
    String rewind;

    @Option(names = "--scope", paramLabel = "first-layer|per-layer|global", defaultValue = "first-layer",
            description = "Weights pruned: the first layer, every layer by the same fraction, or all ranked "
                    + "together (default ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--baseline",
            description = "Also run the one-shot baseline (same initial weights and data, pruned once to the final "
                    + "sparsity) into one-shot.csv.")
    boolean baseline;

    @Option(names = "--held-out", paramLabel = "N",
            description = "Held-out samples from the run's evaluation stream (default: --eval-size, 1000).")
    Integer heldOut;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        if (heldOut != null) {
            Require.atLeast("held-out", heldOut, 2);
        }
        RunConfig config = run.configure(Map.of("steps", DEFAULT_STEPS_PER_ROUND));
        PruningRun pruning = new PruningRun(config, rate, rounds, PruningRun.parseScope(scope),
                PruningRun.parseRewind(rewind), baseline,
                heldOut == null ? config.evalSize() : heldOut);
        System.out.println("prune: " + pruning);
        Map<String, Object> summary = pruning.run(out, r -> System.err.printf(Locale.ROOT,
                "%s round %d/%d: sparsity %.4f, loss %.4g, accuracy %.3f, mean IPR %.4f, max IPR %.4f, "
                        + "mean kurtosis %.4f%n", r.oneShot() ? "one-shot" : "IMP", r.round(),
                r.oneShot() ? 1 : rounds, r.sparsity(), r.loss(), r.accuracy(), r.meanIpr(),
                PruningRoundsCsv.maxIpr(r), r.meanPreActivationKurtosis())).summary();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) summary.get("iterative");
        System.out.printf(Locale.ROOT, "final sparsity %.4f: mean IPR %.4f, max IPR %.4f, accuracy %.3f%n",
                last.get("finalSparsity"), last.get("finalMeanIpr"), last.get("finalMaxIpr"),
                last.get("finalAccuracy"));
        System.out.println("output: " + out.toAbsolutePath().normalize());
        return 0;
    }
}
