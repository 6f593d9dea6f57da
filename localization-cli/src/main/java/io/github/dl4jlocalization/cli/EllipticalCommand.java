package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.data.EllipticalModel;
import io.github.dl4jlocalization.data.RadialLaw;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.EllipticalFigure;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.nn.NetworkSpec;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization figure elliptical}: elliptical data give sinusoidal, non-localized
 * receptive fields ({@link EllipticalFigure}; docs/science.md 2.8, 7.3, claim 7 of section
 * 8). Defaults: L=40, xi=(1,3), K=1 ReLU without bias, init 0.001, lr 0.05, T=5000, B=10,000, a
 * record every 100 steps (the Fig. 4 notebook's shell and extreme runs), every one a flag of
 * {@link RunOptions}. The Student-t(3) row takes its own {@code --t-lr 0.01}, {@code --t-steps
 * 10000}, {@code --t-batch 50000}, {@code --t-init-scale 0.001}: the run of
 * {@code elliptical_sinusoids.py} that recorded the reference residual 0.0977 (the Fig. 4
 * notebook's t run used {@code --t-batch 1000 --t-init-scale 1} instead).
 */
@Command(name = EllipticalFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Elliptical data (shell, extreme radius, Student-t) do not localize (docs/science.md 2.8).",
            "Trains the single neuron per radial law and seed and fits a sinusoid to each final receptive field "
                    + "(residual sqrt(MSE*L)/||w||, as the reference).",
            "Writes elliptical.csv (per law and seed), elliptical-fields.png (RF evolutions with the fit, red dashed), "
                    + "summary.json and the sweeps into --out DIR.",
            "Defaults: the Fig. 4 notebook's shell and extreme runs (each flag below shows its default); the t law "
                    + "takes --t-lr, --t-steps, --t-batch, --t-init-scale instead of --lr, --steps, "
                    + "--batch, --init-scale."})
final class EllipticalCommand implements Callable<Integer> {
    @Mixin
    FigureOptions options;

    @Mixin
    RunOptions run = new RunOptions(EllipticalCommand::defaults);

    @Option(names = "--radials", paramLabel = "LIST", split = ",", defaultValue = "shell,extreme,t",
            description = "Radial laws, in panel order: shell, extreme, t (default ${DEFAULT-VALUE}).")
    List<String> radials;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Runs per law: seeds --seed .. --seed+N-1 (default ${DEFAULT-VALUE}; the reference ran one).")
    int seeds;

    @Option(names = "--t-lr", paramLabel = "X", defaultValue = "0.01",
            description = "Learning rate of the t law (default ${DEFAULT-VALUE}).")
    double tLearningRate;

    @Option(names = "--t-steps", paramLabel = "T", defaultValue = "10000",
            description = "SGD steps of the t law (default ${DEFAULT-VALUE}).")
    int tSteps;

    @Option(names = "--t-batch", paramLabel = "B", defaultValue = "50000",
            description = "Batch size of the t law (default ${DEFAULT-VALUE}).")
    int tBatch;

    @Option(names = "--t-init-scale", paramLabel = "X", defaultValue = "0.001",
            description = "Variance multiplier of the initial weights of the t law (default ${DEFAULT-VALUE}; the "
                    + "Fig. 4 notebook's t run: 1).")
    double tInitScale;

    /**
     * The figure's defaults (docs/science.md 7.3, Fig. 4 row), overridden by the run flags; the network
     * is RunConfig's default single ReLU neuron (K=1, no bias, frozen readout, init 0.001).
     */
    static RunConfig.Builder defaults() {
        return RunConfig.builder().set(DataModelConfig.MODEL, "elliptical").set(DataModelType.XI, new ClassPair(1, 3))
                .set(DataModelType.LENGTH, 40).learningRate(0.05).steps(5000).batch(10_000).recordEvery(100)
                .checkpointEvery(0);
    }

    /**
     * The run configuration of each radial law: {@code base} with that law, and for {@code t} the
     * t flags.
     *
     * @throws IllegalArgumentException naming an unknown or repeated law
     */
    Map<String, RunConfig> configs(RunConfig base) {
        Require.positive("t-lr", tLearningRate);
        Require.atLeast("t-steps", tSteps, 1);
        Require.atLeast("t-batch", tBatch, 1);
        Require.positive("t-init-scale", tInitScale);
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        for (String name : radials) {
            String law = name.trim().toLowerCase(Locale.ROOT);
            Require.that(RadialLaw.NAMES.contains(law) && !configs.containsKey(law), "radials", radials,
                    "distinct names among " + String.join(", ", RadialLaw.NAMES));
            RunConfig.Builder b = base.toBuilder().set(EllipticalModel.RADIAL, law)
                    .set(EllipticalModel.DF, base.data().df());
            if (law.equals("t")) {
                b.learningRate(tLearningRate).steps(tSteps).batch(tBatch).set(NetworkSpec.INIT_SCALE, tInitScale);
            }
            configs.put(law, b.build());
        }
        return configs;
    }

    @Override
    public Integer call() {
        String radial = run.flag(EllipticalModel.RADIAL);
        Require.that(radial == null, "radial", radial, "unset (this figure's laws are --radials)");
        String model = run.flag(DataModelConfig.MODEL);
        Require.that(model == null || model.equals("elliptical"), "model", model,
                "elliptical (or unset) for this figure");
        RunConfig base = run.configure();
        return FigureRunner.run(new EllipticalFigure(configs(base),
                FigureSweeps.consecutiveSeeds(base.seed(), seeds)), options);
    }
}
