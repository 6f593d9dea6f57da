package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.FcnCnnFigure;
import io.github.dl4jlocalization.sweep.ConvolutionalTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code localization figure fcn-vs-cnn}: the FCN and the CNN trained on the same task, localized
 * FCN fields matched to the CNN filters against random filters ({@link FcnCnnFigure}). Every run
 * flag applies ({@link RunOptions}); {@link #defaults()} replace {@link RunConfig}'s.
 */
@Command(name = FcnCnnFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Localized FCN receptive fields matched to the filters of a CNN trained on the same task.",
            "Trains the FCN and a CNN (circular padding), matches each localized FCN field to the CNN filters (max "
                    + "normalised circular cross-correlation over shifts and sign) against random Gaussian filters.",
            "Writes matches.csv, match-scores.png, matched-pairs.png and summary.json into --out DIR.",
            "Defaults (UNVERIFIED as (B)'s): the task and network of figure imp, 3000 steps; each flag below shows its "
                    + "default."})
final class FcnCnnFigureCommand implements Callable<Integer> {
    /**
     * The figure's run defaults: the task and network of {@code figure imp} (g = 100, the most
     * non-Gaussian NLGP, where (B) reports localized fields), trained 3000 steps.
     */
    static RunConfig.Builder defaults() {
        return ImpFigureCommand.defaults().steps(3000);
    }

    @Mixin
    RunOptions run = new RunOptions(FcnCnnFigureCommand::defaults);

    @Mixin
    FigureOptions options;

    @Mixin
    TaskOptions<ConvolutionalTask> cnn = TaskOptions.convolutional();

    @Option(names = "--ipr-threshold", paramLabel = "X", defaultValue = "0.1",
            description = "FCN fields with a final IPR above X are matched, in (0, 1) (default ${DEFAULT-VALUE}, a "
                    + "threshold of (A)'s code).")
    double iprThreshold;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Seeds 0..N-1 of both networks (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--baseline-seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random filter banks (default ${DEFAULT-VALUE}).")
    long baselineSeed;

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "6",
            description = "Best-matched pairs drawn (default ${DEFAULT-VALUE}).")
    int pairs;

    @Override
    public Integer call() {
        FcnCnnFigure figure = new FcnCnnFigure(run.configure(), cnn.task(),
                iprThreshold, seeds, baselineSeed, pairs);
        return FigureRunner.run(figure, options);
    }
}
