package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.RunSummary;
import io.github.dl4jlocalization.experiment.StatsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code localization demo}: a short run that visibly localizes, {@link #config(long)}: the single
 * ReLU neuron of the papers on NLGP(g=3), xi = (0.3, 0.7), L = 40, lr 0.1, batch 5000, for
 * {@value #STEPS} steps, recorded every 10. The field localizes within about 200 steps (seeds 0-3:
 * IPR from about 0.06 to 0.98, a single pixel), some 5-10 s of training on a laptop. It replaces the
 * run in its output directory, writes its stats file for {@code localization dashboard DIR}, and ends
 * by saying why its accuracy stays near chance while the field localizes (docs/science.md 3.6).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A short run in which a single ReLU neuron learns a localized receptive field.",
            "(NLGP g=3, xi=0.3,0.7, L=40, lr 0.1, batch 5000); prints where the plots are."})
final class DemoCommand implements Callable<Integer> {
    /** Steps of the demo. */
    static final int STEPS = 500;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Output directory, replaced (default runs/demo).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default 0).")
    long seed;

    /** The demo's configuration: the defaults with {@value #STEPS} steps, recorded every 10. */
    static RunConfig config(long seed) {
        return RunConfig.builder().steps(STEPS).recordEvery(10).checkpointEvery(0).seed(seed).build();
    }

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public Integer call() {
        RunConfig config = config(seed);
        System.out.println("demo: single ReLU neuron, NLGP(g=3), xi=(0.3, 0.7), L=40, lr 0.1, batch 5000, "
                + config.steps() + " steps -> " + out);
        Experiment experiment;
        RunSummary summary;
        try (OutputLock lock = OutputLock.acquire("--out", out, OutputLock.RUN)) {
            new RunDirectory(out).clear();
            experiment = Experiment.create(config, out).observer(ProgressBar.onStderr());
            try (StatsFile stats = new StatsFile(out)) {
                summary = experiment.stats(stats).run();
            }
        }
        RunCommand.report(summary, experiment.directory(), System.out);
        System.out.printf(Locale.ROOT, "receptive field: IPR %.3f (a Gaussian-like field has about %.3f, one pixel 1); "
                + "see %s%n", summary.meanIpr(), 3.0 / (config.dataModel().dimension() + 2),
                experiment.directory().path(RunDirectory.RF_EVOLUTION_PLOT).toAbsolutePath().normalize());
        System.out.println("dashboard: localization dashboard " + out);
        System.out.printf(Locale.ROOT, "accuracy %.3f is near chance, as expected: both classes have zero mean and the "
                + "same sign-symmetric marginals and differ only in correlation length, so one ReLU neuron cannot tell "
                + "them apart (it outputs 0 for the half of each class with w.x <= 0); what it learns is the shape of "
                + "its receptive field, which localizes (docs/science.md 3.6).%n", summary.finalAccuracy());
        return 0;
    }
}
