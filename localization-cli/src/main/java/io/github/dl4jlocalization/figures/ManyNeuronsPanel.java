package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.DataModelType;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The named runs of the many-neuron figure (docs/science.md 7.5, {@code fig5.ipynb} rows), each a set
 * of run parameters: records every 100 steps (the notebook's {@code evaluation_interval}),
 * evaluation on 1000 samples, checkpoints only at the end. Where the notebook leaves a value
 * unset for the two-layer runs, xi = (1, 3) is its {@code data_config}'s, and the trainable bias
 * starts at 0 (the reference's {@code bias_value} default).
 */
public enum ManyNeuronsPanel {
    /** SCM K = 10 sigmoid, trainable bias (init 0), init 0.1, lr 100, B = 1000, T = 5000, L = 100, Kur(10). */
    SCM_KUR10("scm-kur10", () -> scm(10)),
    /** As {@link #SCM_KUR10} on Kur(30). */
    SCM_KUR30("scm-kur30", () -> scm(30)),
    /** As {@link #SCM_KUR10} on Kur(4) (infinite kurtosis). */
    SCM_KUR4("scm-kur4", () -> scm(4)),
    /** Two-layer K = 10 ReLU, trainable bias and readout, init 0.001, lr 1, B = 1000, T = 2000, L = 40, NLGP(100). */
    MLP_NLGP100("mlp-nlgp100", () -> panel("nlgp", NlgpModel.GAIN, 100.0, 40, 10, HiddenActivation.RELU,
            Readout.TRAINED, 0.001, 1.0, 1000, 2000)),
    /** Two-layer K = 100 ReLU, trainable bias and readout, init 0.001, lr 2, B = 200, T = 5000, L = 40, Kur(30). */
    MLP_KUR30("mlp-kur30", () -> panel("kur", KurModel.K, 30.0, 40, 100, HiddenActivation.RELU, Readout.TRAINED,
            0.001, 2.0, 200, 5000));

    private final String id;
    private final Supplier<RunConfig.Builder> settings;

    ManyNeuronsPanel(String id, Supplier<RunConfig.Builder> settings) {
        this.id = id;
        this.settings = settings;
    }

    private static RunConfig.Builder scm(double k) {
        return panel("kur", KurModel.K, k, 100, 10, HiddenActivation.SIGMOID, Readout.FROZEN, 0.1, 100.0, 1000, 5000);
    }

    /** A panel's settings: the model and its one parameter, xi = (1, 3), the network and the training. */
    private static RunConfig.Builder panel(String model, Parameter<Double> parameter, double value, int length,
                                           int hidden, HiddenActivation activation, Readout readout, double initScale,
                                           double lr, int batch, int steps) {
        return RunConfig.builder().set(DataModelConfig.MODEL, model).set(parameter, value)
                .set(DataModelType.XI, new ClassPair(1, 3)).set(DataModelType.LENGTH, length)
                .hidden(hidden).activation(activation).bias(Bias.trainable(0)).readout(readout).initScale(initScale)
                .learningRate(lr).batch(batch).steps(steps).recordEvery(100).evalSize(1000).checkpointEvery(0);
    }

    /** The panel's name (file names, the {@code --panels} flag). */
    public String id() {
        return id;
    }

    /** The panel's run settings, a fresh builder (flags then override them). */
    public RunConfig.Builder settings() {
        return settings.get();
    }

    /**
     * The panels named in {@code names} (case ignored), in the given order.
     *
     * @throws IllegalArgumentException naming an unknown or repeated panel
     */
    public static List<ManyNeuronsPanel> parse(List<String> names) {
        Require.that(names != null && !names.isEmpty(), "panels", names, "a non-empty list of " + accepted());
        List<ManyNeuronsPanel> panels = names.stream().map(ManyNeuronsPanel::parse).toList();
        Require.that(panels.stream().distinct().count() == panels.size(), "panels", names, "distinct panels");
        return panels;
    }

    private static ManyNeuronsPanel parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("panels must be among " + accepted() + ", got '" + name + "'"));
    }

    private static String accepted() {
        return Arrays.stream(values()).map(ManyNeuronsPanel::id).collect(Collectors.joining(", "));
    }
}
