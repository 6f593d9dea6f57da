package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.figures.FigureSweeps;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The flags every {@code figure} command shares: the output directory and the engine its sweeps
 * run on ({@link EngineOptions}).
 */
public final class FigureOptions {

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Output directory: the figure's CSV, summary.json and PNGs, and its sweeps under sweeps/ "
                    + "(re-running with the same flags resumes them).")
    Path out;

    @Mixin
    EngineOptions engine;

    /** The sweeps runner of this figure, printing progress to stderr. */
    FigureSweeps sweeps() {
        return new FigureSweeps(out, engine.engine(), new SweepCommand.Progress(System.err));
    }
}
