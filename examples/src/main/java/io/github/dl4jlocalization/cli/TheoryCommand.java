package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.sweep.TheoryTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code localization theory}: the effective dynamics of the single ReLU neuron against the SGD
 * run of the same configuration, from the same initial weights ({@link TheoryComparison}). Takes
 * every flag of {@code run} ({@link RunOptions}).
 */
@Command(name = "theory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Integrate the effective dynamics (tau = lr) and run SGD from the same initial weights;",
            "writes trajectory.csv (step, IPR theory, IPR SGD, l2 error), summary.json (final IPRs, signed peaks,",
            "peakMatch) and plots into --out DIR, and the SGD run into DIR/sgd.",
            "Only the single ReLU neuron without bias and with frozen readout (the defaults) is supported."})
final class TheoryCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--covariance", paramLabel = "exact|empirical",
            description = "Class covariances: exact (closed form) or empirical (estimated); default exact when the "
                    + "model has closed forms, else empirical.")
    String covariance;

    @Option(names = "--empirical-samples", paramLabel = "N", defaultValue = "100000",
            description = "Samples per class of empirical covariances (default ${DEFAULT-VALUE}).")
    int empiricalSamples;

    @Option(names = "--variant", paramLabel = "1|fig3", defaultValue = "1",
            description = "Update rule: 1 (science.md 5.2 variant 1) or fig3 (the Fig. 3 notebook's rule with the "
                    + "cubic kurtosis amplifier) (default ${DEFAULT-VALUE}).")
    String variant;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    public Integer call() {
        RunConfig config = run.configure();
        TheoryComparison comparison = new TheoryComparison(config,
                covariance == null ? null : RunConfig.parseEnum("covariance", TheoryComparison.CovarianceSource.class,
                        covariance),
                empiricalSamples, TheoryTask.parseVariant(variant));
        System.out.println("theory: " + comparison.dynamics());
        Map<String, Object> summary = comparison.run(out, ProgressBar.onStderr(), true).summary();
        System.out.printf(Locale.ROOT, "final IPR: theory %.4f, SGD %.4f; signed peak: theory %s, SGD %s (%s); "
                        + "final l2 error %.4g%n", summary.get("finalIprTheory"), summary.get("finalIprSgd"),
                summary.get("peakTheory"), summary.get("peakSgd"),
                Boolean.TRUE.equals(summary.get("peakMatch")) ? "match" : "no match", summary.get("finalL2Error"));
        System.out.println("output: " + out.toAbsolutePath().normalize());
        return 0;
    }
}
