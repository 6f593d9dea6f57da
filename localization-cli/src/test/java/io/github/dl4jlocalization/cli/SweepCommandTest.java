package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization sweep} through {@link LocalizationCli#execute}. */
class SweepCommandTest extends ConsoleCapture {
    @Test
    void runsAYamlGridWithProgressAndTable(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.yaml");
        Path sweep = dir.resolve("sweep");
        Files.writeString(grid, """
                base: {data: {length: 10}, batch: 20, steps: 2, recordEvery: 1, checkpointEvery: 0, evalSize: 20}
                axes: {data.gain: [0.5, 3]}
                seeds: [4]
                out: %s
                """.formatted(sweep));
        assertEquals(0, LocalizationCli.execute("sweep", "--grid", grid.toString(), "--workers", "2"), stderr());
        assertTrue(stderr().contains("sweep: 2 units, 0 already complete, 2 to run"), stderr());
        assertTrue(stderr().contains("[2/2] "), stderr());
        assertEquals(3, Files.readAllLines(sweep.resolve(Sweep.CSV)).size());
        assertEquals(0, LocalizationCli.execute("sweep", "--grid", grid.toString()), stderr());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 units: 2 already complete, 0 executed"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void engineFlagErrorsExitWithStatus2NamingTheFlag(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.json");
        Files.writeString(grid, "{\"seeds\": 1}");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--master", "local[2]"));
        assertTrue(stderr().contains("error: --master must be used with --engine spark only, got local[2]"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--engine", "flink"));
        assertTrue(stderr().contains("error: --engine must be local or spark, got 'flink'"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--engine", "spark", "--workers", "0"));
        assertTrue(stderr().contains("error: --workers must be an integer >= 1, got 0"), stderr());
        // this module's class path has no Spark (localization-spark's tests run the engine)
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--out", dir.toString(), "--engine", "spark"));
        assertTrue(stderr().contains("error: --engine spark needs the localization-spark module on the class path"),
                stderr());
        assertTrue(!stderr().contains("\tat "), "no stack trace: " + stderr());
    }

    @Test
    void gridFileErrorsExitWithStatus2NamingTheKey(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.json");
        Files.writeString(grid, "{\"axes\": {\"data.gian\": [1, 2]}}");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("sweep", "--grid", grid.toString(), "--out", dir.toString()));
        assertTrue(stderr().contains("'data.gian'"), stderr());
        Files.writeString(grid, "{\"base\": {\"batch\": 0}}");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("sweep", "--grid", grid.toString(), "--out", dir.toString()));
        assertTrue(stderr().contains("batch"), stderr());
        Files.writeString(grid, "{\"seeds\": 1}");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString()));
        assertTrue(stderr().contains("--out"), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sweep", "--grid", grid.toString(),
                "--workers", "0", "--out", dir.toString()));
        assertTrue(stderr().contains("workers"), stderr());
    }
}
