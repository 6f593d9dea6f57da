package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork;
import io.github.dl4jlocalization.experiment.DeepFieldNetwork.Architecture;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.DeepFieldsFigure;
import io.github.dl4jlocalization.sweep.DeepFieldsTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code localization figure deep-fields}: the effective receptive fields of deeper networks on
 * NLGP and its Gaussian clone ({@link DeepFieldsFigure}). Takes every run flag ({@link RunOptions})
 * over the figure's defaults ({@link #defaults()}), except those it sets (--model, --dim, --seed,
 * --hidden); the networks' flags are the settings of {@link DeepFieldsTask}.
 */
@Command(name = DeepFieldsFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Effective receptive fields of a 1-D CNN, a 2-D CNN and a two-hidden-layer FCN over training,",
            "on NLGP and its Gaussian clone, next to their theoretical fields.",
            "Writes deep-fields.csv, deep-fields.png (mean IPR vs step), deep-fields-rfs.png and summary.json.",
            "Defaults: NLGP g=100, xi=1,3, L=40; ReLU, Glorot init; lr 0.3, B=200, T=1000, records every 100 "
                    + "steps on 300 held-out inputs; CNNs C=4; 2-D: L=12, B=100; 1 seed; each flag below shows its "
                    + "default."})
final class DeepFieldsCommand implements Callable<Integer> {
    /**
     * The figure's run defaults: NLGP g = 100, xi = (1, 3), L = 40 (the task of {@code fcn-vs-cnn},
     * where the papers report localized fields); ReLU; Glorot init (initScale 1); lr 0.3, B = 200,
     * T = 1000, records every 100 steps on 300 held-out inputs: a few minutes on a shared 2-core
     * machine.
     */
    static RunConfig.Builder defaults() {
        return RunConfig.builder().set(DataModelConfig.MODEL, "nlgp").set(NlgpModel.GAIN, 100.0)
                .set(DataModelType.XI, new ClassPair(1, 3)).set(DataModelType.LENGTH, 40)
                .initScale(1.0).learningRate(0.3).batch(200).steps(1000).recordEvery(100).evalSize(300);
    }

    @Mixin
    FigureOptions options;

    @Mixin
    RunOptions run = new RunOptions(DeepFieldsCommand::defaults);

    /** --channels (4 here: small CNNs), --kernel, --width: the settings of the three networks. */
    @Mixin
    TaskOptions<ParameterValues> networks = TaskOptions.deepFields(
            DeepFieldsTask.PARAMETERS.defaults().toBuilder().set(DeepFieldsTask.CHANNELS, 4).build());

    @Option(names = "--image-kernel", paramLabel = "K", defaultValue = "5",
            description = "Kernel side of the 2-D CNN (default ${DEFAULT-VALUE}: fields of 9 x 9 sites).")
    int imageKernel;

    @Option(names = "--image-length", paramLabel = "L", defaultValue = "12",
            description = "Side of the 2-D CNN's L x L inputs (default ${DEFAULT-VALUE}).")
    int imageLength;

    @Option(names = "--image-batch", paramLabel = "B", defaultValue = "100",
            description = "Batch of the 2-D CNN (default ${DEFAULT-VALUE}).")
    int imageBatch;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds 0..N-1 per network and model (default ${DEFAULT-VALUE}).")
    int seeds;

    @Override
    public Integer call() {
        run.requireUnset(DataModelConfig.MODEL, "the figure trains nlgp and nlgp-clone");
        run.requireUnset(DataModelType.DIM, "the 2-D CNN trains on the 2-D task, the others on 1-D");
        run.requireUnset(RunConfig.SEED, "use --seeds");
        run.requireUnset(RunConfig.HIDDEN, "use --width and --channels");
        ParameterValues n = networks.task();
        int channels = n.get(DeepFieldsTask.CHANNELS);
        int kernel = n.get(DeepFieldsTask.KERNEL);
        int width = n.get(DeepFieldsTask.WIDTH);
        return FigureRunner.run(new DeepFieldsFigure(run.configure(), imageLength, imageBatch,
                new DeepFieldNetwork(Architecture.CNN1D, channels, kernel, width),
                new DeepFieldNetwork(Architecture.CNN2D, channels, imageKernel, width),
                new DeepFieldNetwork(Architecture.FCN, channels, kernel, width), seeds), options);
    }
}
