package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.SweepEngine;
import io.github.dl4jlocalization.sweep.SweepEngines;
import picocli.CommandLine.Option;

/**
 * The flags that choose where a sweep's work units run, shared by {@code sweep} and every
 * {@code figure} command: {@code --engine local} (worker threads of this JVM) or
 * {@code --engine spark} (a Spark job on {@code --master}: by default spark-submit's master,
 * else the embedded {@code local[--workers]}). The Spark engine lives in the
 * {@code localization-spark} module ({@link SweepEngines}).
 */
public final class EngineOptions {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where the units run: local (worker threads of this JVM) or spark (a Spark job on --master)"
                    + " (default ${DEFAULT-VALUE}).")
    String engine;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Worker threads, each training one unit single-threaded; with --engine spark the N of the "
                    + "default master local[N] (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, with --engine spark only: local[N], local-cluster[N,CORES,MB], "
                    + "spark://HOST:PORT, yarn, k8s://URL (default: spark-submit's --master, else local[--workers]).")
    String master;

    /**
     * The engine the flags describe.
     *
     * @throws IllegalArgumentException naming the flag at fault
     */
    SweepEngine engine() {
        return SweepEngines.create(engine, workers, master);
    }
}
