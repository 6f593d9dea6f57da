package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.figures.IprKurtosisFigure;
import io.github.dl4jlocalization.figures.IprKurtosisFigure.IprRecord;
import io.github.dl4jlocalization.figures.IprKurtosisFigure.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code localization figure ipr-kurtosis}: IPR against the inputs' excess kurtosis, NLGP gains
 * and Kur exponents ({@link IprKurtosisFigure}). Takes every run flag ({@link RunOptions}) over the
 * preset's defaults, except those the figure sets (--model, --gain, --k, --seed).
 */
@Command(name = IprKurtosisFigure.NAME, mixinStandardHelpOptions = true, sortOptions = false,
        description = {"IPR vs marginal excess kurtosis (docs/science.md 7.1): NLGP at --gains and Kur at --ks, --seeds each.",
            "Writes ipr-kurtosis.csv (per point: measured and exact excess kurtosis, IPR mean/std over seeds),",
            "ipr-kurtosis-units.csv, ipr-kurtosis.png (NLGP black, Kur red) and summary.json into --out DIR.",
            "Excess kurtosis: mean(x^4)/mean(x^2)^2 - 3 over pixel 0 of --kurtosis-samples samples, both classes.",
            "Presets: single-neuron (K=1, lr 0.1, T=10000, records every 100) or many-neurons (K=10, lr 5,",
            "T=20000, records every 200); both L=40, xi=0.3,0.7, ReLU, no bias, init 0.001, B=5000. Flags override."})
final class IprKurtosisCommand implements Callable<Integer> {

    @Mixin
    FigureOptions options;

    /** The run flags over the preset's settings (the help shows the default preset's). */
    @Mixin
    RunOptions run = new RunOptions(() -> IprKurtosisFigure.defaults(preset()));

    @Option(names = "--preset", paramLabel = "single-neuron|many-neurons", defaultValue = "single-neuron",
            description = "Network defaults (default ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--gains", paramLabel = "G,...", split = ",",
            description = "NLGP gains (default logspace(-1, 1, 10)).")
    List<Double> gains;

    @Option(names = "--ks", paramLabel = "K,...", split = ",", defaultValue = IprKurtosisFigure.DEFAULT_KS_TEXT,
            description = "Kur tail exponents (default ${DEFAULT-VALUE}).")
    List<Double> ks;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "" + IprKurtosisFigure.DEFAULT_SEEDS,
            description = "Seeds 0..N-1 per point (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--kurtosis-samples", paramLabel = "N", defaultValue = "" + IprKurtosisFigure.DEFAULT_KURTOSIS_SAMPLES,
            description = "Samples of the excess-kurtosis estimate (default ${DEFAULT-VALUE}).")
    int kurtosisSamples;

    @Option(names = "--kur-record", paramLabel = "last|second-to-last", defaultValue = "last",
            description = "Record Kur's IPR is read at; the reference reads the second-to-last (default ${DEFAULT-VALUE}).")
    String kurRecord;

    /** The preset given, the default one before the flags are parsed. */
    private Preset preset() {
        return preset == null ? Preset.SINGLE_NEURON : RunConfig.parseEnum("--preset", Preset.class, preset);
    }

    @Override
    public Integer call() {
        run.requireUnset(DataModelConfig.MODEL, "the figure trains nlgp and kur");
        run.requireUnset(NlgpModel.GAIN, "use --gains");
        run.requireUnset(KurModel.K, "use --ks");
        run.requireUnset(RunConfig.SEED, "use --seeds");
        RunConfig base = run.configure();
        IprKurtosisFigure figure = new IprKurtosisFigure(base, gains == null ? IprKurtosisFigure.DEFAULT_GAINS : gains,
                ks, seeds, kurtosisSamples,
                RunConfig.parseEnum("--kur-record", IprRecord.class, kurRecord));
        return FigureRunner.run(figure, options);
    }
}
