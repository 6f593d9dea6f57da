package io.github.dl4jlocalization.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Prints the end of a figure command: its verdicts ({@code measured.verdicts} of the summary), wall time and output. */
final class FigureVerdicts {
    private FigureVerdicts() {
    }

    /** One line per verdict, then the wall time and the output directory. */
    static void print(Map<String, Object> summary, Path out) {
        if (summary.get("measured") instanceof Map<?, ?> measured
                && measured.get("verdicts") instanceof Map<?, ?> verdicts) {
            verdicts.forEach((name, text) -> System.out.println(name + ": " + text));
        }
        System.out.printf(Locale.ROOT, "wall time %.1f s%n", ((Number) summary.get("wallSeconds")).doubleValue());
        System.out.println("output: " + out.toAbsolutePath().normalize());
    }
}
