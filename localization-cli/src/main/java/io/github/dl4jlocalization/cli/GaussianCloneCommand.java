package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.figures.GaussianCloneFigure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code localization figure gaussian-clone}: NLGP(g) against its Gaussian clone
 * ({@link GaussianCloneFigure}). Takes every run flag ({@link RunOptions}) over the single-neuron
 * defaults, except those the figure sets (--model, --gain, --seed).
 */
@Command(name = GaussianCloneFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"NLGP(g) vs its Gaussian clone (same covariance, Gaussian marginals) at --gains, --seeds each.",
            "Writes gaussian-clone-units.csv, gaussian-clone.csv (IPR mean/std per model and gain),",
            "gaussian-clone.png (IPR vs gain), gaussian-clone-rfs.png (final fields of --rf-seed) and summary.json.",
            "Defaults: single ReLU neuron, L=40, xi=0.3,0.7, init 0.001, lr 0.1, B=5000, T=10000; flags override."})
final class GaussianCloneCommand implements Callable<Integer> {

    @Mixin
    FigureOptions options;

    @Mixin
    RunOptions run;

    @Option(names = "--gains", paramLabel = "G,...", split = ",", description = "Gains (default 0.1,1,3,10,100).")
    List<Double> gains;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "" + GaussianCloneFigure.DEFAULT_SEEDS,
            description = "Seeds 0..N-1 per point (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--rf-seed", paramLabel = "S", defaultValue = "0",
            description = "Seed whose final receptive fields are drawn (default ${DEFAULT-VALUE}).")
    int rfSeed;

    @Override
    public Integer call() {
        FigureRunner.requireUnset("--model", run.data.model, "the figure trains nlgp and nlgp-clone");
        FigureRunner.requireUnset("--gain", run.data.gain, "use --gains");
        FigureRunner.requireUnset("--seed", run.seed, "use --seeds");
        return FigureRunner.run(new GaussianCloneFigure(run.configure(GaussianCloneFigure.defaults()),
                gains == null ? GaussianCloneFigure.DEFAULT_GAINS : gains, seeds, rfSeed), options);
    }
}
