package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.LocalSweepEngine;
import io.github.dl4jlocalization.sweep.SparkSweepEngine;
import io.github.dl4jlocalization.sweep.SweepEngine;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Option;

import java.util.Map;

/**
 * The flags that choose where a sweep's work units run, shared by {@code sweep} and every
 * {@code figure} command: {@code --engine local} (worker threads of this JVM) or
 * {@code --engine spark} (a Spark job on {@code --master}: by default spark-submit's master,
 * else the embedded {@code local[--workers]}).
 */
public final class EngineOptions {
    /** The property spark-submit sets to its {@code --master}. */
    static final String SPARK_MASTER_PROPERTY = "spark.master";

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
        Require.that(engine.equals("local") || engine.equals("spark"), "--engine", "'" + engine + "'",
                "local or spark");
        if (engine.equals("local")) {
            Require.that(master == null, "--master", master, "used with --engine spark only");
            return new LocalSweepEngine(workers);
        }
        Require.atLeast("--workers", workers, 1);
        String url = master != null ? master : System.getProperty(SPARK_MASTER_PROPERTY);
        return url == null ? SparkSweepEngine.local(workers) : new SparkSweepEngine(url, Map.of());
    }
}
