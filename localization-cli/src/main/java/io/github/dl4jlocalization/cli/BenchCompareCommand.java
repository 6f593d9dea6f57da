package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.PyTorchLoop;
import io.github.dl4jlocalization.experiment.TrainBenchmark;
import io.github.dl4jlocalization.experiment.TrainBenchmark.Workload;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code localization bench compare}: a {@code run} of each standard workload end to end
 * ({@link RunProcess}, a child JVM) against the same workload in a plain PyTorch loop that the
 * project ships ({@link PyTorchLoop}), side by side in one invocation, alternating which goes first
 * (ABBA), with the ratio of their times. Both sides are timed from inside their process (the
 * run's {@code secondsElapsed}; the script's wall time after its imports), one thread each for the
 * numerics. With {@code --load N}, N threads of this JVM spin during the measurements: another
 * process loading N cores, as on a shared machine. Skipped, with one line saying why, when the
 * interpreter cannot import torch.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"W1 and W2 end to end ('run --no-stats' in a child JVM) against the same workload in a plain "
                + "PyTorch loop",
            "(the project's pytorch_loop.py: fresh NLGP batch by dense circulant square root, erf, forward, MSE, "
                    + "backward, SGD;",
            "float64, 1 thread), side by side, alternating; prints each time and their ratio. Targets: W1 at most "
                    + "0.3x PyTorch,",
            "at most 0.5x with --load 1. Skipped when '--python -c \"import torch\"' fails."})
final class BenchCompareCommand implements Callable<Integer> {
    static final double TARGET_RATIO = 0.3;
    static final double LOADED_TARGET_RATIO = 0.5;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000",
            description = "SGD steps of each run (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "3",
            description = "Pairs of runs per workload, alternating which side goes first; medians are reported "
                    + "(default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--python", paramLabel = "CMD", defaultValue = "python3",
            description = "Python interpreter with PyTorch (default ${DEFAULT-VALUE}; Debian: python3-torch).")
    String python;

    @Option(names = "--load", paramLabel = "N", defaultValue = "0",
            description = "Threads of this JVM spinning during the measurements, loading N cores (default 0).")
    int load;

    @Option(names = "--workload", paramLabel = "W1|W2", split = ",",
            description = "Workloads to compare (default W1,W2).")
    List<String> workloads;

    @Override
    public Integer call() {
        Require.atLeast("--steps", steps, 1);
        Require.atLeast("--repetitions", repetitions, 1);
        Require.inRange("--load", load, 0, 64);
        List<Workload> chosen = chosenWorkloads();
        StringBuilder reason = new StringBuilder();
        Optional<PyTorchLoop> loop = PyTorchLoop.find(python, reason);
        if (loop.isEmpty()) {
            System.out.println("bench compare: skipped, no PyTorch: " + reason);
            return 0;
        }
        System.out.printf(Locale.ROOT, "bench compare: %d steps, %d pairs per workload, %d spinning thread(s), "
                + "OMP_NUM_THREADS=%s, %d CPUs, heap cap %s, load average %s%n", steps, repetitions, load,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), Runtime.getRuntime().availableProcessors(),
                BenchTrainCommand.heapFlag().orElse("none"), LoadAverage.now());
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> spinners = startSpinners(load, spinning);
        // per workload: {run s, PyTorch s, run process CPU s, PyTorch process CPU s} x repetitions
        List<double[][]> times = new ArrayList<>();
        try {
            for (Workload w : chosen) {
                System.out.println("measuring " + w.name() + " (" + w.description() + ") ...");
                double[][] t = new double[4][repetitions];
                for (int r = 0; r < repetitions; r++) {
                    RunProcess.Outcome run = null;
                    PyTorchLoop.Timing torch = null;
                    // ABBA: the run goes first in even pairs, second in odd ones
                    for (int side = 0; side < 2; side++) {
                        if ((side == 0) == (r % 2 == 0)) {
                            run = RunProcess.run(w.config(), steps);
                        } else {
                            torch = loop.get().run(w.config(), steps);
                        }
                    }
                    t[0][r] = run.secondsElapsed();
                    t[1][r] = torch.seconds();
                    t[2][r] = run.cpuSeconds();
                    t[3][r] = torch.cpuSeconds();
                    System.out.printf(Locale.ROOT, "  pair %d: run %.2f s, PyTorch %.2f s, ratio %.3f; process CPU "
                                    + "%.2f s vs %.2f s, ratio %.3f (load %s)%n", r + 1, t[0][r], t[1][r],
                            t[0][r] / t[1][r], t[2][r], t[3][r], t[2][r] / t[3][r], LoadAverage.now());
                }
                times.add(t);
            }
        } finally {
            spinning.set(false);
            for (Thread s : spinners) {
                s.interrupt();
            }
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-4s %9s %11s %13s %15s | %9s %13s %10s%n", "", "run s", "PyTorch s",
                "median ratio", "ratio range", "run CPU s", "PyTorch CPU s", "CPU ratio");
        for (int i = 0; i < chosen.size(); i++) {
            double[][] t = times.get(i);
            double[] ratios = new double[repetitions];
            double[] cpuRatios = new double[repetitions];
            for (int r = 0; r < repetitions; r++) {
                ratios[r] = t[0][r] / t[1][r];
                cpuRatios[r] = t[2][r] / t[3][r];
            }
            double ratio = TrainBenchmark.median(ratios);
            Workload w = chosen.get(i);
            System.out.printf(Locale.ROOT, "%-4s %9.2f %11.2f %13.3f %7.3f-%.3f | %9.2f %13.2f %10.3f%n", w.name(),
                    TrainBenchmark.median(t[0]), TrainBenchmark.median(t[1]), ratio,
                    Arrays.stream(ratios).min().orElseThrow(), Arrays.stream(ratios).max().orElseThrow(),
                    TrainBenchmark.median(t[2]), TrainBenchmark.median(t[3]), TrainBenchmark.median(cpuRatios));
            if (w == TrainBenchmark.W1) {
                double target = load == 0 ? TARGET_RATIO : LOADED_TARGET_RATIO;
                BenchTrainCommand.check("W1 run / PyTorch <= " + target + (load == 0 ? "" : " (loaded)"),
                        ratio <= target, String.format(Locale.ROOT, "%.3f", ratio));
            }
        }
        System.out.println("run s: the run's secondsElapsed (JVM start-up excluded); PyTorch s: the loop's wall time "
                + "after its imports;");
        System.out.println("CPU s: user + system CPU of each whole process (JVM or interpreter start-up included), "
                + "little affected by the load.");
        System.out.println("load average at the end: " + LoadAverage.now());
        return 0;
    }

    private List<Workload> chosenWorkloads() {
        List<Workload> all = TrainBenchmark.standardWorkloads();
        if (workloads == null || workloads.isEmpty()) {
            return all;
        }
        List<Workload> chosen = new ArrayList<>();
        for (String name : workloads) {
            chosen.add(all.stream().filter(w -> w.name().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--workload must be W1 or W2, got '" + name + "'")));
        }
        return chosen;
    }

    private static List<Thread> startSpinners(int count, AtomicBoolean spinning) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (spinning.get()) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "bench-load-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }
}
