package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization sweep --engine spark} with the Spark engine on the class path, as the launcher runs it. */
class SparkSweepCommandTest extends ConsoleCapture {
    @Test
    void runsOnEmbeddedSparkWithProgressAsResultsArrive(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, """
                base: {data: {length: 10}, batch: 20, steps: 2, recordEvery: 1, checkpointEvery: 0, evalSize: 20}
                seeds: 3
                """);
        Path sweep = dir.resolve("sweep");
        assertEquals(0, LocalizationCli.execute("sweep", "--grid", grid.toString(), "--out", sweep.toString(),
                "--engine", "spark", "--workers", "2"), stderr());
        assertTrue(stderr().contains("sweep: 3 units, 0 already complete, 3 to run"), stderr());
        for (int done = 1; done <= 3; done++) {
            assertTrue(stderr().contains("[" + done + "/3] "), stderr());
        }
        assertTrue(stderr().contains("(0 failed, elapsed"), stderr());
        assertEquals(4, Files.readAllLines(sweep.resolve(Sweep.CSV)).size());
    }

    @Test
    void sparkMasterErrorsExitWithStatus2(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.json");
        Files.writeString(grid, "{\"seeds\": 1}");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--engine", "spark", "--master", "locl[2]"));
        assertTrue(stderr().contains("error: master must be a Spark master URL"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--engine", "spark", "--workers", "0"));
        assertTrue(stderr().contains("error: --workers must be an integer >= 1, got 0"), stderr());
        assertTrue(!stderr().contains("\tat "), "no stack trace: " + stderr());
    }
}
