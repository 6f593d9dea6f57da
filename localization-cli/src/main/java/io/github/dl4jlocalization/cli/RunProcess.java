package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.ProcessCpu;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * {@code localization run} of a configuration in a child JVM started like this one (same Java,
 * class path, JVM options such as the heap cap and the launcher's {@code -D} flags, and
 * environment, so {@code OMP_NUM_THREADS} too), as a user runs it: records every
 * {@code recordEvery} steps of the configuration (100 by default), a checkpoint at the end, the
 * plots, and no stats file ({@code --no-stats}). The benchmarks read its summary.
 */
final class RunProcess {
    /** JVM options of this JVM that a child must not repeat (agents, recordings, archive dumps). */
    private static final List<String> NOT_INHERITED = List.of("-agentlib", "-javaagent", "-XX:StartFlightRecording",
            "-XX:ArchiveClassesAtExit", "-XX:+CITime", "-Xlog");

    /**
     * What a child run reports.
     *
     * @param secondsElapsed the summary's {@code secondsElapsed}: the run from its start in the
     *                       JVM (ND4J's start-up included) to its summary, JVM start-up excluded
     * @param processSeconds wall seconds of the whole child process, JVM start-up included
     * @param cpuSeconds     CPU seconds of the whole child process ({@link ProcessCpu}), NaN
     *                       where unknown
     * @param peakRssBytes   the summary's peak resident memory, where known
     */
    record Outcome(double secondsElapsed, double processSeconds, double cpuSeconds, OptionalLong peakRssBytes) {
    }

    private RunProcess() {
    }

    /** Runs {@code steps} steps of {@code config} in a child JVM, in a temporary directory deleted after. */
    static Outcome run(RunConfig config, int steps) {
        Require.atLeast("steps", steps, 1);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("localization-bench-run-");
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (NOT_INHERITED.stream().noneMatch(option::startsWith)) {
                    cmd.add(option);
                }
            }
            Path workload = dir.resolve("workload.json");
            JsonFiles.write(workload, config.toMap());
            Path out = dir.resolve("run");
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalizationCli.class.getName(), "run",
                    "--config", workload.toString(), "--steps", String.valueOf(steps), "--no-stats",
                    "--out", out.toString()));
            long started = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            double cpuSeconds = ProcessCpu.waitFor(p);
            int status = p.exitValue();
            double processSeconds = (System.nanoTime() - started) * 1e-9;
            Require.that(status == 0, "child run", String.join(" ", cmd), "a run that exits with status 0");
            Map<String, Object> summary = JsonFiles.readJson(out.resolve(RunDirectory.SUMMARY), "run summary");
            Object peak = summary.get("peakRssBytes");
            Object seconds = summary.get("secondsElapsed");
            Require.that(seconds instanceof Number, "run summary secondsElapsed", seconds, "a number");
            return new Outcome(((Number) seconds).doubleValue(), processSeconds, cpuSeconds,
                    peak instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the benchmark's child run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the benchmark's child run ran", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
