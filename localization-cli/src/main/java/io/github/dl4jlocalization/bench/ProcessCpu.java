package io.github.dl4jlocalization.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time of a child process, user and system, read from {@code /proc/<pid>/stat} while it
 * runs (Linux; clock ticks of 1/100 s, the kernel's USER_HZ). Unlike wall-clock time it barely
 * changes when other processes compete for the cores, so the benchmarks report it next to wall
 * times on a shared machine. The last poll precedes the exit by at most {@value #POLL_MILLIS} ms.
 */
public final class ProcessCpu {
    /** Polling period. */
    public static final long POLL_MILLIS = 20;
    private static final double SECONDS_PER_TICK = 0.01;

    private ProcessCpu() {
    }

    /**
     * Waits for {@code process} to end and returns its CPU seconds (NaN where {@code /proc} cannot
     * be read).
     */
    public static double waitFor(Process process) throws InterruptedException {
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        double seconds = Double.NaN;
        while (process.isAlive()) {
            double now = read(stat);
            if (!Double.isNaN(now)) {
                seconds = now;
            }
            Thread.sleep(POLL_MILLIS);
        }
        process.waitFor();
        return seconds;
    }

    /** utime + stime of a {@code /proc/<pid>/stat} file, in seconds; NaN when unreadable. */
    static double read(Path stat) {
        try {
            String text = Files.readString(stat);
            // fields after the command name "(...)": state is field 3, utime 14, stime 15
            String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * SECONDS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
