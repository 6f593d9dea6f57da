package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.FcnCnnFigure;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.sweep.ConvolutionalTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization figure fcn-vs-cnn}: the FCN and the CNN trained on the same task, localized
 * FCN fields matched to the CNN filters against random filters ({@link FcnCnnFigure}). Every run
 * flag applies ({@link RunOptions}); the defaults below replace {@link RunConfig}'s.
 */
@Command(name = FcnCnnFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Localized FCN receptive fields matched to the filters of a CNN trained on the same task.",
            "Trains the FCN and a CNN (circular padding), matches each localized FCN field to the CNN filters (max "
                    + "normalised circular cross-correlation over shifts and sign) against random Gaussian filters.",
            "Writes matches.csv, match-scores.png, matched-pairs.png and summary.json into --out DIR.",
            "Defaults (UNVERIFIED as (B)'s): NLGP g=100, xi=(1,3), L=40; SCM K=10 ReLU, lr 2, batch 1000, 3000 steps; "
                    + "CNN C=10, w=D/4; IPR threshold 0.1; 3 seeds."})
final class FcnCnnFigureCommand implements Callable<Integer> {
    /**
     * The figure's run defaults: the task and network of {@code figure imp} (g = 100, the most
     * non-Gaussian NLGP, where (B) reports localized fields), trained 3000 steps.
     */
    static final Map<String, Object> DEFAULTS = Map.of(
            "data", Map.of("model", "nlgp", "gain", 100, "xi", "1,3", "length", 40),
            "hidden", 10, "lr", 2.0, "batch", 1000, "steps", 3000);

    @Mixin
    RunOptions run;

    @Mixin
    FigureOptions options;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "" + ConvolutionalNetwork.DEFAULT_CHANNELS,
            description = "CNN channels (filters) C >= 1 (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--filter-width", paramLabel = "W",
            description = "CNN filter width in [1, D] (default max(1, D/4), 10 at D = 40).")
    Integer filterWidth;

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
        FcnCnnFigure figure = new FcnCnnFigure(run.configure(DEFAULTS), new ConvolutionalTask(channels, filterWidth),
                iprThreshold, seeds, baselineSeed, pairs);
        return FigureRunner.run(figure, options);
    }
}
