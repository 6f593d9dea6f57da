package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.TrainBenchmark;
import io.github.dl4jlocalization.experiment.TrainBenchmark.Result;
import io.github.dl4jlocalization.experiment.TrainBenchmark.Workload;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code localization bench train}: the standard workloads ({@link TrainBenchmark#W1},
 * {@link TrainBenchmark#W2}) as users run them, a {@code run} end to end in a child JVM started
 * like this one ({@link RunProcess}: records every 100 steps, a checkpoint, the plots, no stats
 * file), and in the steady state per SGD step with and without the receptive-field listener, with
 * where the time goes (generation, copy into ND4J, fit, records) and the peak resident memory of
 * the run.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time of W1 (K=1 ReLU, NLGP g=3, L=40, B=5000) and W2 (SCM K=100 ReLU, L=40, B=1000), float64:",
            "a run end to end as 'run' executes it (child JVM, --no-stats, records every 100 steps), the steady-state",
            "ms per SGD step without and with ReceptiveFieldListener every 10 steps, and where the time goes",
            "(generation, copy into ND4J, fit, forward+backward, records); peak RSS of the run."})
final class BenchTrainCommand implements Callable<Integer> {
    /** Steady-state target of W1's step (wall clock). */
    static final double W1_TARGET_MS = 2.0;
    static final double OVERHEAD_TARGET = 0.10;
    static final long RSS_TARGET_BYTES = 1L << 30;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "Repetitions of each steady-state measurement; the median is reported (default 5).")
    int repetitions;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
            description = "Steps (or calls) per steady-state repetition (default 200).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100", description = "Warm-up steps (default 100).")
    int warmup;

    @Option(names = "--run-steps", paramLabel = "N", defaultValue = "1000",
            description = "Steps of the end-to-end run in a child JVM (also its peak RSS); 0 skips it (default 1000).")
    int runSteps;

    @Override
    public Integer call() {
        Require.atLeast("--run-steps", runSteps, 0);
        TrainBenchmark bench = new TrainBenchmark(repetitions, steps, warmup);
        System.out.printf(Locale.ROOT, "bench train: end to end %d steps in a child JVM; steady state %d repetitions x "
                + "%d steps after %d warm-up steps; OMP_NUM_THREADS=%s, %d CPUs, heap cap %s, load average %s%n",
                runSteps, repetitions, steps, warmup, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"),
                Runtime.getRuntime().availableProcessors(), heapFlag().orElse("none"), LoadAverage.now());
        List<Result> results = new ArrayList<>();
        List<Optional<RunProcess.Outcome>> runs = new ArrayList<>();
        for (Workload w : TrainBenchmark.standardWorkloads()) {
            System.out.println("measuring " + w.name() + " (" + w.description() + ") ...");
            runs.add(runSteps == 0 ? Optional.empty() : Optional.of(RunProcess.run(w.config(), runSteps)));
            results.add(bench.measure(w));
        }
        print(results, runs, runSteps);
        System.out.println("load average at the end: " + LoadAverage.now());
        return 0;
    }

    private static void print(List<Result> results, List<Optional<RunProcess.Outcome>> runs, int runSteps) {
        System.out.println();
        System.out.printf(Locale.ROOT, "end to end: 'run --steps %d --no-stats' in a child JVM (secondsElapsed: ND4J's "
                + "start-up, training, records every 100 steps, checkpoint, plots; JVM start-up excluded)%n", runSteps);
        System.out.printf(Locale.ROOT, "%-4s %9s %9s %12s %9s%n", "", "run s", "ms/step", "process s", "peak RSS");
        for (int i = 0; i < results.size(); i++) {
            Optional<RunProcess.Outcome> run = runs.get(i);
            String name = results.get(i).workload().name();
            if (run.isEmpty()) {
                System.out.printf(Locale.ROOT, "%-4s %9s%n", name, "skipped");
                continue;
            }
            RunProcess.Outcome o = run.get();
            System.out.printf(Locale.ROOT, "%-4s %9.2f %9.3f %12.2f %6.0f MB%n", name, o.secondsElapsed(),
                    1000 * o.secondsElapsed() / runSteps, o.processSeconds(),
                    o.peakRssBytes().isPresent() ? o.peakRssBytes().getAsLong() / 1e6 : Double.NaN);
        }
        System.out.println();
        System.out.println("steady state, ms per SGD step (median). step: wall clock, data generated on a second thread;"
                + " cpu: CPU time of the whole process per step");
        System.out.printf(Locale.ROOT, "%-4s %7s %7s %9s %9s | %6s %6s %6s %6s %7s %8s %7s%n", "", "step", "cpu",
                "+RF/10", "overhead", "gen", "copy", "data", "fit", "fwd+bwd", "upd+misc", "rec/100");
        for (Result r : results) {
            System.out.printf(Locale.ROOT,
                    "%-4s %7.3f %7.3f %9.3f %4.1f/%3.1f%% | %6.3f %6.3f %6.3f %6.3f %7.3f %8.3f %7.4f%n",
                    r.workload().name(), r.step(), r.stepCpu(), r.stepWithListener(), 100 * r.listenerOverhead(),
                    100 * r.listenerOverheadCpu(), r.generate(), r.copy(), r.data(), r.fit(), r.forwardBackward(),
                    r.updater(), r.recordsPerStep(100));
        }
        System.out.println("+RF/10: step with ReceptiveFieldListener every 10 steps; overhead: wall/cpu.");
        System.out.println("Alone, CPU time of one thread: gen = a batch generated into Java arrays; copy = into ND4J"
                + " (data - gen); data = a batch from the iterator;");
        System.out.println("fit = fit() on a fixed batch; fwd+bwd = computeGradientAndScore(); upd+misc = fit - fwd+bwd"
                + " (updater and DL4J bookkeeping);");
        System.out.println("rec/100 = a run's record (listener record + held-out evaluation) every 100 steps, per step.");
        Result w1 = results.get(0);
        System.out.println();
        check("W1 steady-state step <= " + W1_TARGET_MS + " ms (wall)", w1.step() <= W1_TARGET_MS,
                String.format(Locale.ROOT, "%.3f ms", w1.step()));
        for (Result r : results) {
            check(r.workload().name() + " listener overhead <= " + (int) (100 * OVERHEAD_TARGET) + " % (wall)",
                    r.listenerOverhead() <= OVERHEAD_TARGET,
                    String.format(Locale.ROOT, "%.1f %%; cpu %.1f %%", 100 * r.listenerOverhead(),
                            100 * r.listenerOverheadCpu()));
        }
        for (int i = 0; i < results.size(); i++) {
            Optional<RunProcess.Outcome> run = runs.get(i);
            if (run.isPresent() && run.get().peakRssBytes().isPresent()) {
                long rss = run.get().peakRssBytes().getAsLong();
                check(results.get(i).workload().name() + " peak RSS of a run < 1 GiB", rss < RSS_TARGET_BYTES,
                        String.format(Locale.ROOT, "%.0f MB", rss / 1e6));
            }
        }
    }

    static void check(String target, boolean met, String value) {
        System.out.printf(Locale.ROOT, "%-46s %-7s (%s)%n", target, met ? "met" : "NOT met", value);
    }

    static Optional<String> heapFlag() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b);
    }
}
