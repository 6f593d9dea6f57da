package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization run}, {@code demo} and {@code bench} through {@link LocalizationCli#execute}. */
class RunCommandTest extends ConsoleCapture {
    @Test
    void flagsOverrideTheConfigFile(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("exp.yaml");
        Files.writeString(config, """
                data: {gain: 0.5, length: 20}
                hidden: 2
                batch: 100
                steps: 30
                lr: 0.2
                recordEvery: 10
                """);
        Path run = dir.resolve("run");
        int status = LocalizationCli.execute("run", "--config", config.toString(), "--steps", "12", "--gain", "2",
                "--seed", "4", "--out", run.toString());
        assertEquals(0, status, stderr());
        RunConfig written = RunConfig.fromMap(JsonFiles.readJson(run.resolve(RunDirectory.CONFIG), "config"));
        assertEquals(RunConfig.builder().data(Map.of("gain", 2.0, "length", 20)).hidden(2).batch(100).steps(12)
                .learningRate(0.2).recordEvery(10).seed(4).build(), written);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertTrue(stdout.contains("completed after 12 of 12 steps"), stdout);
        assertTrue(stdout.contains(run.resolve(RunDirectory.RF_EVOLUTION_PLOT).toAbsolutePath().toString()), stdout);
        // not a terminal: plain progress lines, the last at 100 %
        assertTrue(stderr().contains("step 12/12 (100%)"), stderr());
    }

    @Test
    void resumeContinuesARunAndTakesNoOtherFlags(@TempDir Path dir) {
        Path run = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--batch", "50", "--steps", "4", "--out", run.toString()));
        assertEquals(0, LocalizationCli.execute("run", "--resume", run.toString()), stderr());
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("run", "--resume", run.toString(), "--lr", "0.5"));
        assertTrue(stderr().contains("error: --resume must be used alone"), stderr());
        // a second run into the same directory is refused; --overwrite replaces it
        assertEquals(LocalizationCli.EXIT_BAD_INPUT,
                LocalizationCli.execute("run", "--batch", "50", "--steps", "4", "--out", run.toString()));
        assertTrue(stderr().contains("out must be a directory without a run"), stderr());
        assertEquals(0, LocalizationCli.execute("run", "--batch", "50", "--steps", "3", "--out", run.toString(),
                "--overwrite"));
    }

    @Test
    void badInputExitsWithStatus2NamingTheParameter(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("o");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"lr\": 0.1,");
        Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"momentum\": 0.9}");
        List<List<String>> cases = List.of(
                List.of("lr must be a finite number > 0, got -1.0", "--lr", "-1"),
                List.of("lr must be a finite number > 0, got NaN", "--lr", "NaN"),
                List.of("batch must be an integer >= 1, got 0", "--batch", "0"),
                List.of("activation must be one of relu, sigmoid, tanh, erf, got 'softsign'", "--activation", "softsign"),
                List.of("gain must be a finite number > 0, got -2.0", "--gain", "-2"),
                List.of("config file " + dir.resolve("missing.yaml") + " does not exist", "--config",
                        dir.resolve("missing.yaml").toString()),
                List.of("config file " + malformed + " is not valid JSON", "--config", malformed.toString()),
                List.of("unknown run parameter 'momentum'", "--config", unknown.toString()),
                List.of("--out " + file.resolve("run") + " cannot be written: Not a directory",
                        "--out", file.resolve("run").toString()),
                List.of("Invalid value for option '--steps'", "--steps", "many"),
                // 2 g^2 overflows beyond sqrt(Double.MAX_VALUE / 2): once sampled NaN, reported as a held-out entry
                List.of("--gain must be > 0 and <= 9.48", "--gain", "1e308"));
        for (List<String> c : cases) {
            err.reset();
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(c.subList(1, c.size()));
            for (String[] standard : new String[][] {{"--steps", "2"}, {"--batch", "10"}, {"--out", out.toString()}}) {
                if (!args.contains(standard[0])) {
                    args.addAll(List.of(standard));
                }
            }
            int status = LocalizationCli.execute(args.toArray(String[]::new));
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, status, c + ": " + stderr());
            assertTrue(stderr().startsWith("error: ") && stderr().contains(c.get(0)), c.get(0) + " vs " + stderr());
            assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
        }
        assertFalse(Files.exists(out.resolve(RunDirectory.CONFIG)), "nothing was run");
    }

    @Test
    void demoConfigurationIsTheSingleNeuronTask() {
        RunConfig demo = DemoCommand.config(0);
        assertEquals(RunConfig.defaults().toBuilder().steps(DemoCommand.STEPS).recordEvery(10).checkpointEvery(0).build(),
                demo);
    }

    @Test
    void benchWithoutSubcommandPrintsItsUsage() {
        assertEquals(0, LocalizationCli.execute("bench"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("train"), out.toString(StandardCharsets.UTF_8));
    }
}
