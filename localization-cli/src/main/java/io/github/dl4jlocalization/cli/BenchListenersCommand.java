package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.ListenerBenchmark;
import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code localization bench listeners}: milliseconds per training step of a user's DL4J network
 * trained with {@code fit(iterator)}, bare and with each of the plugin's listeners, in float32 and
 * float64 ({@link ListenerBenchmark}).
 */
@Command(name = "listeners", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"What each listener costs per step of a user's network, in float32 and float64.",
            "The network: Dense 40->100 ReLU, softmax OutputLayer nOut 2 (MCXENT), Adam, trained by fit(iterator)",
            "on NLGP batches; bare, with a no-op control listener, DivergenceGuard, ReceptiveFieldListener and",
            "KurtosisListener. Target: each listener's own cost at most 10 % of a step."})
final class BenchListenersCommand implements Callable<Integer> {
    @Option(names = "--batch", paramLabel = "B", defaultValue = "1000",
            description = "Samples per batch, and rows of KurtosisListener's held-out batch (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "5",
            description = "Repetitions of each measurement; the median is reported (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100",
            description = "Steps (or listener calls) per repetition (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "50",
            description = "Untimed steps of each network first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        Require.atLeast("--batch", batch, 2);
        Require.atLeast("--repetitions", repetitions, 1);
        Require.atLeast("--steps", steps, ListenerBenchmark.FREQUENCY);
        Require.atLeast("--warmup", warmup, 0);
        ListenerBenchmark bench = new ListenerBenchmark(batch, repetitions, steps, warmup);
        System.out.printf(Locale.ROOT, "bench listeners: batch %d, %d repetitions x %d steps after %d warm-up steps, "
                        + "OMP_NUM_THREADS=%s, %d CPUs%n", batch, repetitions, steps, warmup,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), Runtime.getRuntime().availableProcessors());
        boolean met = true;
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            ListenerBenchmark.Result result = bench.measure(type, ListenerBenchmark.standardCases());
            System.out.print(ListenerBenchmark.format(result));
            met &= result.listeners().stream().allMatch(result::meetsTarget);
        }
        System.out.println("step ms, cpu ms: training loop with the listener (wall clock, process CPU); loop wall/cpu: "
                + "its overhead against the bare loop;");
        System.out.println("alone ms: the listener's own work per step (thread CPU); alone %: that over the fit of one "
                + "batch (the target).");
        System.out.println(met ? "every listener within the target" : "a listener misses the target");
        return 0;
    }
}
