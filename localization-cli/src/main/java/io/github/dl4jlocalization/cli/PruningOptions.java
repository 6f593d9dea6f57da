package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.PruningRun;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.listeners.PruningScope;
import io.github.dl4jlocalization.listeners.IterativeMagnitudePruning;
import io.github.dl4jlocalization.sweep.PruneTask;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Option;

/**
 * The pruning flags shared by {@code prune} and {@code figure imp}: rounds, rate, rewind point,
 * scope and held-out samples, read into a {@link PruneTask}. The defaults are the common
 * lottery-ticket choices, UNVERIFIED as the papers' settings (docs/science.md 6.6).
 */
public final class PruningOptions {

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

    @Option(names = "--held-out", paramLabel = "N",
            description = "Held-out samples from the run's evaluation stream for the per-round measures "
                    + "(default: --eval-size, 1000).")
    Integer heldOut;

    /** The task of these flags, with or without the one-shot baseline. */
    PruneTask task(boolean baseline) {
        if (heldOut != null) {
            Require.atLeast("held-out", heldOut, 2);
        }
        return new PruneTask(rate, rounds, RunConfig.parseEnum("scope", PruningScope.class, scope), PruningRun.parseRewind(rewind), baseline,
                heldOut);
    }
}
