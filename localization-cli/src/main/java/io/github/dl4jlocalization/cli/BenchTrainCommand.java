package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.TrainBenchmark;
import io.github.dl4jlocalization.experiment.TrainBenchmark.Result;
import io.github.dl4jlocalization.experiment.TrainBenchmark.Workload;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code localization bench train}: milliseconds per SGD step of the standard workloads
 * ({@link TrainBenchmark#W1}, {@link TrainBenchmark#W2}) with and without the receptive-field
 * listener, where the time goes, and the peak resident memory of a {@code run} of each workload,
 * measured in a child JVM started like this one (same Java, class path and heap cap).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Milliseconds per SGD step (data generation included) of W1 (K=1 ReLU, NLGP g=3, L=40, B=5000)",
            "and W2 (SCM K=100 ReLU, L=40, B=1000), float64, without and with ReceptiveFieldListener every 10 steps;",
            "the time of data generation, fit, forward+backward, updater and listener alone; peak RSS of a run."})
final class BenchTrainCommand implements Callable<Integer> {
    /** Targets of the issue. */
    static final double W1_TARGET_MS = 2.0;
    static final double OVERHEAD_TARGET = 0.10;
    static final long RSS_TARGET_BYTES = 1L << 30;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "Repetitions of each measurement; the median is reported (default 5).")
    int repetitions;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "200",
            description = "Steps (or calls) per repetition (default 200).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "100", description = "Warm-up steps (default 100).")
    int warmup;

    @Option(names = "--rss-steps", paramLabel = "N", defaultValue = "500",
            description = "Steps of the child-JVM run measuring peak RSS; 0 skips it (default 500).")
    int rssSteps;

    @Override
    public Integer call() {
        Require.atLeast("--rss-steps", rssSteps, 0);
        TrainBenchmark bench = new TrainBenchmark(repetitions, steps, warmup);
        System.out.printf(Locale.ROOT, "bench train: %d repetitions x %d steps after %d warm-up steps, "
                + "OMP_NUM_THREADS=%s, %d CPUs, heap cap %s%n", repetitions, steps, warmup,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), Runtime.getRuntime().availableProcessors(),
                heapFlag().orElse("none"));
        List<Result> results = new ArrayList<>();
        List<OptionalLong> rss = new ArrayList<>();
        for (Workload w : TrainBenchmark.standardWorkloads()) {
            System.out.println("measuring " + w.name() + " (" + w.description() + ") ...");
            results.add(bench.measure(w));
            rss.add(rssSteps == 0 ? OptionalLong.empty() : peakRssOfRun(w.config()));
        }
        print(results, rss);
        return 0;
    }

    private static void print(List<Result> results, List<OptionalLong> rss) {
        System.out.println();
        System.out.println("ms per SGD step (median). step: wall clock, data generated on a second thread;"
                + " cpu: CPU time of the whole process per step");
        System.out.printf(Locale.ROOT, "%-4s %7s %7s %9s %9s | %6s %6s %7s %8s %7s | %8s%n", "", "step", "cpu",
                "+RF/10", "overhead", "data", "fit", "fwd+bwd", "upd+misc", "RF", "peak RSS");
        for (int i = 0; i < results.size(); i++) {
            Result r = results.get(i);
            System.out.printf(Locale.ROOT,
                    "%-4s %7.3f %7.3f %9.3f %4.1f/%3.1f%% | %6.3f %6.3f %7.3f %8.3f %7.4f | %8s%n",
                    r.workload().name(), r.step(), r.stepCpu(), r.stepWithListener(), 100 * r.listenerOverhead(),
                    100 * r.listenerOverheadCpu(), r.data(), r.fit(), r.forwardBackward(), r.updater(),
                    r.listenerPerStep(),
                    rss.get(i).isPresent() ? String.format(Locale.ROOT, "%.0f MB", rss.get(i).getAsLong() / 1e6) : "-");
        }
        System.out.println("+RF/10: step with ReceptiveFieldListener every 10 steps; overhead: wall/cpu.");
        System.out.println("Alone, CPU time of one thread: data = one batch generated; fit = fit() on a fixed batch;"
                + " fwd+bwd = computeGradientAndScore();");
        System.out.println("upd+misc = fit - fwd+bwd (updater and DL4J bookkeeping); RF = one record / 10.");
        Result w1 = results.get(0);
        System.out.println();
        check("W1 step <= " + W1_TARGET_MS + " ms (wall)", w1.step() <= W1_TARGET_MS,
                String.format(Locale.ROOT, "%.3f ms", w1.step()));
        for (Result r : results) {
            check(r.workload().name() + " listener overhead <= " + (int) (100 * OVERHEAD_TARGET) + " % (wall)",
                    r.listenerOverhead() <= OVERHEAD_TARGET,
                    String.format(Locale.ROOT, "%.1f %%; cpu %.1f %%", 100 * r.listenerOverhead(),
                            100 * r.listenerOverheadCpu()));
        }
        for (int i = 0; i < results.size(); i++) {
            if (rss.get(i).isPresent()) {
                check(results.get(i).workload().name() + " peak RSS of a run < 1 GiB",
                        rss.get(i).getAsLong() < RSS_TARGET_BYTES,
                        String.format(Locale.ROOT, "%.0f MB", rss.get(i).getAsLong() / 1e6));
            }
        }
    }

    private static void check(String target, boolean met, String value) {
        System.out.printf(Locale.ROOT, "%-46s %-7s (%s)%n", target, met ? "met" : "NOT met", value);
    }

    /**
     * Runs {@code localization run} for the workload in a child JVM with this JVM's Java, class
     * path and heap cap, and returns the peak RSS its summary reports.
     */
    private OptionalLong peakRssOfRun(RunConfig config) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bench-train-rss-");
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            heapFlag().ifPresent(cmd::add);
            cmd.add("-Djava.awt.headless=true");
            String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
            if (cache != null) {
                cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
            }
            Path workload = dir.resolve("workload.json");
            JsonFiles.write(workload, config.toMap());
            Path out = dir.resolve("run");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalizationCli.class.getName(), "run",
                    "--config", workload.toString(), "--steps", String.valueOf(rssSteps), "--out", out.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Require.that(p.waitFor() == 0, "child run", String.join(" ", cmd), "a run that exits with status 0");
            Map<String, Object> summary = JsonFiles.readJson(out.resolve(RunDirectory.SUMMARY), "run summary");
            Object peak = summary.get("peakRssBytes");
            return peak instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the memory measurement: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } finally {
            deleteTree(dir);
        }
    }

    private static java.util.Optional<String> heapFlag() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmx")).reduce((a, b) -> b);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
