package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.SweepBenchmark;
import io.github.dl4jlocalization.bench.SweepBenchmark.Engine;
import io.github.dl4jlocalization.bench.SweepBenchmark.Result;
import io.github.dl4jlocalization.sweep.LocalSweepEngine;
import io.github.dl4jlocalization.sweep.SweepEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code localization bench sweep}: per-unit overhead and throughput of {@code --engine local}
 * against {@code --engine spark --master local[W]} on the same grid ({@link SweepBenchmark}), and
 * what one task slot sustains, which is what each executor core of a cluster adds.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Per-unit overhead and throughput of the sweep engines: the same N small trainings (one seed",
            "each) with --engine local --workers W and with --engine spark --master local[W], in one run."})
final class BenchSweepCommand implements Callable<Integer> {
    @Option(names = "--units", paramLabel = "N", defaultValue = "16", description = "Units (default ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--workers", paramLabel = "W", defaultValue = "2",
            description = "Worker threads, and Spark's local[W] (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "300",
            description = "SGD steps per unit (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--length", paramLabel = "L", defaultValue = "40",
            description = "Input length (default ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1000",
            description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() {
        SweepBenchmark bench = new SweepBenchmark(units, length, batch, steps);
        List<Engine> engines = List.of(
                new Engine("--engine local --workers " + workers, new LocalSweepEngine(workers), workers),
                new Engine("--engine spark local[" + workers + "]",
                        SweepEngines.create(SweepEngines.SPARK, workers, null), workers));
        System.out.printf(Locale.ROOT, "bench sweep: %d units (NLGP L=%d, B=%d, %d steps each) per engine, "
                + "OMP_NUM_THREADS=%s, %d CPUs%n", units, length, batch, steps,
                System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), Runtime.getRuntime().availableProcessors());
        List<Result> results = bench.run(engines);
        System.out.print(SweepBenchmark.format(results));
        Result spark = results.get(1);
        System.out.printf(Locale.ROOT, "unit s: mean time inside the worker; overhead s: wall x slots / units - unit s "
                + "(engine start, scheduling, shipping, result files).%n"
                + "One Spark task slot sustains 60 / (unit s + overhead s) = %.1f units/min; with units of this size a "
                + "cluster of E single-core executors gives about E times that.%n",
                60 / (spark.meanUnitSeconds() + spark.overheadSeconds()));
        return 0;
    }
}
