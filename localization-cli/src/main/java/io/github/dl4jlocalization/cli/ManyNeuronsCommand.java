package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.ManyNeuronsFigure;
import io.github.dl4jlocalization.figures.ManyNeuronsPanel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization figure many-neurons}: SCM and two-layer runs with many hidden units
 * ({@link ManyNeuronsFigure}). Run flags ({@link RunOptions}) override the setting of every
 * selected panel; --seed is left to --seeds.
 */
@Command(name = ManyNeuronsFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Many hidden units on Kur(k) and NLGP (docs/science.md 7.5).",
            "The --panels, --seeds each:",
            "  scm-kur10, scm-kur30, scm-kur4: SCM K=10 sigmoid, trainable bias 0, init 0.1, lr 100, B=1000, T=5000,",
            "    L=100, Kur(10|30|4), xi=1,3;",
            "  mlp-nlgp100: two-layer K=10 ReLU, trainable bias and readout, init 0.001, lr 1, B=1000, T=2000, L=40,",
            "    NLGP(100), xi=1,3;",
            "  mlp-kur30: two-layer K=100 ReLU, trainable bias and readout, init 0.001, lr 2, B=200, T=5000, L=40,",
            "    Kur(30), xi=1,3.",
            "Writes <panel>.png (RF evolution of units 0-9, first seed), many-neurons.csv (mean/max IPR, fraction of",
            "units with IPR > --localized-ipr, accuracy per run) and summary.json. Run flags override every panel."})
final class ManyNeuronsCommand implements Callable<Integer> {

    @Mixin
    FigureOptions options;

    /** The run flags; no single default: each panel has its own settings. */
    @Mixin
    RunOptions run = new RunOptions(null);

    @Option(names = "--panels", paramLabel = "NAME,...", split = ",",
            description = "Panels to run (default: all five, in the order above).")
    List<String> panels;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "1",
            description = "Seeds 0..N-1 per panel (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--localized-ipr", paramLabel = "X", defaultValue = "" + ManyNeuronsFigure.DEFAULT_LOCALIZED_IPR,
            description = "IPR above which a unit counts as localized, in (0, 1) (default ${DEFAULT-VALUE}).")
    double localizedIpr;

    @Override
    public Integer call() {
        run.requireUnset(RunConfig.SEED, "use --seeds");
        List<ManyNeuronsPanel> selected = panels == null ? Arrays.asList(ManyNeuronsPanel.values())
                : ManyNeuronsPanel.parse(panels);
        Map<ManyNeuronsPanel, RunConfig> configs = new LinkedHashMap<>();
        for (ManyNeuronsPanel panel : selected) {
            configs.put(panel, run.configure(panel.settings()));
        }
        return FigureRunner.run(new ManyNeuronsFigure(configs, seeds, localizedIpr), options);
    }
}
