package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.bench.PyTorchLoop;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.TrainBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code localization bench compare}, its child run and its PyTorch loop. */
class BenchCompareCommandTest extends ConsoleCapture {

    @Test
    void skipsWithOneLineWithoutPyTorch() {
        assertEquals(0, LocalizationCli.execute("bench", "compare", "--python", "no-such-python-here"));
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(1, stdout.lines().count(), stdout);
        assertTrue(stdout.startsWith("bench compare: skipped, no PyTorch: cannot start 'no-such-python-here'"), stdout);
    }

    /**
     * The whole comparison against a stand-in interpreter that "imports torch" and reports 2 s:
     * one pair, a real child run of W1, and the ratio printed from the two times.
     */
    @Test
    void comparesAChildRunWithTheLoopsReportedTime(@TempDir Path dir) throws IOException {
        Path fake = dir.resolve("python");
        Files.writeString(fake, """
                #!/bin/sh
                [ "$1" = "-c" ] && exit 0
                echo '{"seconds": 2.0, "steps": 3, "finalLoss": 0.5}'
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        int status = LocalizationCli.execute("bench", "compare", "--python", fake.toString(), "--steps", "3",
                "--repetitions", "1", "--workload", "W1");
        assertEquals(0, status, stderr());
        String stdout = out.toString(StandardCharsets.UTF_8);
        String pair = stdout.lines().filter(l -> l.startsWith("  pair 1: run ")).findFirst().orElseThrow();
        double run = Double.parseDouble(pair.replaceAll(".*run ([0-9.]+) s.*", "$1"));
        assertTrue(run > 0, pair);
        assertTrue(pair.contains("PyTorch 2.00 s"), pair);
        double ratio = Double.parseDouble(pair.replaceAll(".*PyTorch 2.00 s, ratio ([0-9.]+);.*", "$1"));
        assertEquals(run / 2.0, ratio, 0.0026, "the ratio of the two times (the run's printed to 0.01 s)");
        assertTrue(stdout.contains("W1 run / PyTorch <= 0.3"), stdout);
    }

    @Test
    void childRunReportsItsSummary() {
        RunConfig small = RunConfig.builder().hidden(2).batch(50).recordEvery(5).build();
        RunProcess.Outcome o = RunProcess.run(small, 10);
        assertTrue(o.secondsElapsed() > 0 && o.secondsElapsed() < o.processSeconds(), o.toString());
        assertTrue(o.cpuSeconds() > 0, o.toString());
        assertTrue(o.peakRssBytes().isPresent(), o.toString());
    }

    @Test
    void loopArgumentsAreTheWorkloads() {
        assertEquals(List.of("--hidden", "1", "--batch", "5000", "--steps", "1000", "--length", "40", "--gain", "3.0",
                "--xi", "0.3", "0.7", "--lr", "0.1", "--init-scale", "0.001", "--seed", "0"),
                PyTorchLoop.arguments(TrainBenchmark.W1.config(), 1000));
        assertEquals("100", PyTorchLoop.arguments(TrainBenchmark.W2.config(), 10).get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PyTorchLoop.arguments(
                RunConfig.builder().data(Map.of("model", "kur")).build(), 10));
        assertTrue(e.getMessage().startsWith("workload data must be 1-D nlgp"), e.getMessage());
    }

    /** With PyTorch installed (Debian's python3-torch), the shipped script runs and reports its time. */
    @Test
    void shippedScriptRunsWherePyTorchIsInstalled() {
        Optional<PyTorchLoop> loop = PyTorchLoop.find("python3", new StringBuilder())
                .or(() -> PyTorchLoop.find("/usr/bin/python3", new StringBuilder()));
        assumeTrue(loop.isPresent(), "no python3 with torch");
        PyTorchLoop.Timing t = loop.get().run(RunConfig.builder().hidden(3).batch(20).build(), 5);
        assertTrue(t.seconds() > 0 && t.seconds() < 60, t.toString());
        assertTrue(t.cpuSeconds() > 0, t.toString());
    }
}
