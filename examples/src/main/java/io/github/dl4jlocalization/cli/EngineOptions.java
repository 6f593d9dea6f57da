package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.LocalSweepEngine;
import io.github.dl4jlocalization.sweep.SweepEngine;
import picocli.CommandLine.Option;

/**
 * The flags that choose where a sweep's work units run, shared by {@code sweep} and every
 * {@code figure} command.
 */
public final class EngineOptions {

    @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
            description = "Worker threads, each training single-threaded (default ${DEFAULT-VALUE}).")
    int workers;

    /** The engine the flags describe. */
    SweepEngine engine() {
        return new LocalSweepEngine(workers);
    }
}
