package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.DataBenchmark;
import io.github.dl4jlocalization.bench.NormalFloor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code localization bench data}: batches per second of the data models of the speed targets,
 * and the ratio of a batch's time to the time of drawing as many standard normal numbers with
 * the fastest generator available, measured in the same run ({@link DataBenchmark}).
 */
@Command(name = "data", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sampling speed of NLGP and Kur (L=40, B=5000), 2-D NLGP (L=30, B=1000) and Ising (L=40, B=5000, exact",
            "and 50-sweep Metropolis samplers),",
            "float64, against the time of as many standard normals from the fastest generator (the floor).",
            "Targets: 1-D NLGP and Kur at most 2x the floor, 2-D NLGP at most 3x; exact Ising >= 20x faster than "
                    + "Metropolis."})
final class BenchDataCommand implements Callable<Integer> {
    @Option(names = "--warmup", defaultValue = "20", paramLabel = "N",
            description = "Untimed batches before each measurement (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repetitions", defaultValue = "30", paramLabel = "N",
            description = "Timed batches per measurement; the median is reported (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--rounds", defaultValue = "2", paramLabel = "N",
            description = "Rounds of (floors, workloads), interleaved against drift (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--in-process-floors", description = "Time the floor generators in this JVM instead of a fresh "
            + "JVM each (JDK generators sharing one Gaussian routine slow each other down).")
    boolean inProcessFloors;

    @Override
    public Integer call() {
        DataBenchmark bench = new DataBenchmark(warmup, repetitions, rounds, !inProcessFloors,
                List.of(NormalFloor.Generator.values()));
        System.out.print(DataBenchmark.format(bench.run(DataBenchmark.targetWorkloads())));
        return 0;
    }
}
