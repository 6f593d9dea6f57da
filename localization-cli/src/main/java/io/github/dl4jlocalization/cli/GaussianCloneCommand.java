package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.experiment.RunConfig;
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
            "Defaults: the single-neuron setting of figure ipr-kurtosis; each flag below shows its default."})
final class GaussianCloneCommand implements Callable<Integer> {

    @Mixin
    FigureOptions options;

    @Mixin
    RunOptions run = new RunOptions(GaussianCloneFigure::defaults);

    @Option(names = "--gains", paramLabel = "G,...", split = ",", defaultValue = GaussianCloneFigure.DEFAULT_GAINS_TEXT,
            description = "Gains (default ${DEFAULT-VALUE}).")
    List<Double> gains;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "" + GaussianCloneFigure.DEFAULT_SEEDS,
            description = "Seeds 0..N-1 per point (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--rf-seed", paramLabel = "S", defaultValue = "0",
            description = "Seed whose final receptive fields are drawn (default ${DEFAULT-VALUE}).")
    int rfSeed;

    @Override
    public Integer call() {
        run.requireUnset(DataModelConfig.MODEL, "the figure trains nlgp and nlgp-clone");
        run.requireUnset(NlgpModel.GAIN, "use --gains");
        run.requireUnset(RunConfig.SEED, "use --seeds");
        return FigureRunner.run(new GaussianCloneFigure(run.configure(), gains, seeds, rfSeed), options);
    }
}
