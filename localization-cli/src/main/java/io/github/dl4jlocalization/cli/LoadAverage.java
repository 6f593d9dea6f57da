package io.github.dl4jlocalization.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages, as {@code uptime} prints them, for the benchmarks' reports. */
final class LoadAverage {
    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or {@code "unknown"}. */
    static String now() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
