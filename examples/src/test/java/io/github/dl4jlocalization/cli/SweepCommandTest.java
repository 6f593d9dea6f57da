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
