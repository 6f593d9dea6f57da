package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork.Architecture;
import io.github.dl4jlocalization.figures.DeepFieldsFigure;
import io.github.dl4jlocalization.sweep.DeepFieldsTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code localization figure deep-fields}: the effective receptive fields of deeper networks on
 * NLGP and its Gaussian clone ({@link DeepFieldsFigure}). Takes every run flag ({@link RunOptions})
 * over the figure's defaults, except those it sets (--model, --dim, --seed, --hidden).
 */
@Command(name = DeepFieldsFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Effective receptive fields of a 1-D CNN, a 2-D CNN and a two-hidden-layer FCN over training,",
            "on NLGP and its Gaussian clone, next to their theoretical fields.",
            "Writes deep-fields.csv, deep-fields.png (mean IPR vs step), deep-fields-rfs.png and summary.json.",
            "Defaults: NLGP g=100, xi=1,3, L=40; ReLU, Glorot init; lr 0.3, B=200, T=1000, records every 100 "
                    + "steps on 300 held-out inputs; CNNs C=4; 2-D: L=12, B=100; 1 seed; flags override."})
final class DeepFieldsCommand implements Callable<Integer> {

    @Mixin
    FigureOptions options;

    @Mixin
    RunOptions run;

    @Option(names = "--channels", paramLabel = "C", defaultValue = "4",
            description = "Channels of both CNNs (default ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--kernel", paramLabel = "K", defaultValue = "" + DeepFieldsTask.DEFAULT_KERNEL,
            description = "Kernel width of the 1-D CNN (default ${DEFAULT-VALUE}: fields of 2K-1 = 13 sites).")
    int kernel;

    @Option(names = "--image-kernel", paramLabel = "K", defaultValue = "5",
            description = "Kernel side of the 2-D CNN (default ${DEFAULT-VALUE}: fields of 9 x 9 sites).")
    int imageKernel;

    @Option(names = "--image-length", paramLabel = "L", defaultValue = "12",
            description = "Side of the 2-D CNN's L x L inputs (default ${DEFAULT-VALUE}).")
    int imageLength;

    @Option(names = "--image-batch", paramLabel = "B", defaultValue = "100",
            description = "Batch of the 2-D CNN (default ${DEFAULT-VALUE}).")
    int imageBatch;

    @Option(names = "--width", paramLabel = "H", defaultValue = "" + DeepFieldsTask.DEFAULT_HIDDEN,
            description = "Units per hidden layer of the FCN (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds 0..N-1 per network and model (default ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() {
        FigureRunner.requireUnset("--model", run.data.model, "the figure trains nlgp and nlgp-clone");
        FigureRunner.requireUnset("--dim", run.data.dim, "the 2-D CNN trains on the 2-D task, the others on 1-D");
        FigureRunner.requireUnset("--seed", run.seed, "use --seeds");
        FigureRunner.requireUnset("--hidden", run.hidden, "use --width and --channels");
        return FigureRunner.run(new DeepFieldsFigure(run.configure(DeepFieldsFigure.defaults()), imageLength,
                imageBatch, new DeepFieldNetwork(Architecture.CNN1D, channels, kernel, width),
                new DeepFieldNetwork(Architecture.CNN2D, channels, imageKernel, width),
                new DeepFieldNetwork(Architecture.FCN, channels, kernel, width), seeds), options);
    }
}
