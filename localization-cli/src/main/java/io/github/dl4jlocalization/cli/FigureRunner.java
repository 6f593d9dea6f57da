package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.figures.Figure;
import io.github.dl4jlocalization.figures.FigureSweeps;

import java.util.Locale;
import java.util.Map;

/** What every {@code figure} subcommand does once its {@link Figure} is built: run it and report. */
final class FigureRunner {

    private FigureRunner() {
    }

    /**
     * Runs {@code figure} into {@code options}' output directory on its engine, then prints each
     * measured entry on a line of standard output, the wall time and the directory.
     *
     * @return the exit status 0
     */
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    static int run(Figure figure, FigureOptions options) {
        FigureSweeps sweeps = options.sweeps();
        System.out.println("figure " + figure.name() + " -> " + options.out.toAbsolutePath().normalize());
        Map<String, Object> summary;
        try (OutputLock lock = OutputLock.acquire("--out", options.out, OutputLock.figure(figure.name()))) {
            summary = figure.run(sweeps, options.out);
        }
        Object measured = summary.get("measured");
        if (measured instanceof Map<?, ?> m) {
            printEntries("", m);
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s; output: %s%n", summary.get("wallSeconds"),
                options.out.toAbsolutePath().normalize());
        return 0;
    }

    /** One line {@code key: value} per entry; a map's entries one per line as {@code key.inner: value}. */
    private static void printEntries(String prefix, Map<?, ?> map) {
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> inner) {
                printEntries(prefix + key + ".", inner);
            } else {
                System.out.println(prefix + key + ": " + value);
            }
        });
    }
}
