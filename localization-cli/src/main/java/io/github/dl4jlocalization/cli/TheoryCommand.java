package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.TheoryComparison;
import io.github.dl4jlocalization.experiment.TheoryComparison.CovarianceSource;
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
        description = {"Effective dynamics of a single neuron against SGD from the same initial weights.",
            "Integrates the dynamics (tau = lr), runs SGD and writes trajectory.csv (step, IPR theory, IPR SGD, "
                    + "l2 error),",
            "summary.json (final IPRs, signed peaks, peakMatch) and plots into --out DIR, and the SGD run into "
                    + "DIR/sgd.",
            "Only the single ReLU neuron without bias and with frozen readout (the defaults) is supported."})
final class TheoryCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Mixin
    TaskOptions<TheoryTask> theory = TaskOptions.theory(TheoryTask.defaults());

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Override
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    public Integer call() {
        RunConfig config = run.configure();
        config.requireFits();
        TheoryTask task = theory.task();
        if (TheoryComparison.check(config, task.covariance(), task.variant()) == CovarianceSource.EMPIRICAL) {
            // streamed (O(D) memory) but O(n D log D) time: say so before it starts
            System.err.printf(Locale.ROOT, "theory: estimating the two class covariances from %d samples each of "
                    + "%d values (--empirical-samples)...%n", task.empiricalSamples(), config.dataModel().dimension());
        }
        TheoryComparison comparison = task.comparison(config);
        try (OutputLock lock = OutputLock.acquire("--out", out, OutputLock.THEORY)) {
            System.out.println("theory: " + comparison.dynamics());
            Map<String, Object> summary = comparison.run(out, ProgressBar.onStderr(), true).summary();
            if (summary.containsKey("divergence")) {
                System.out.println("DIVERGED: " + summary.get("divergence"));
                System.out.println("compared up to step " + summary.get("step") + ", the last step both reached:");
            }
            System.out.printf(Locale.ROOT, "final IPR: theory %.4f, SGD %.4f; signed peak: theory %s, SGD %s (%s); "
                            + "final l2 error %.4g%n", summary.get("finalIprTheory"), summary.get("finalIprSgd"),
                    summary.get("peakTheory"), summary.get("peakSgd"),
                    Boolean.TRUE.equals(summary.get("peakMatch")) ? "match" : "no match", summary.get("finalL2Error"));
            System.out.println("output: " + out.toAbsolutePath().normalize());
        }
        return 0;
    }
}
