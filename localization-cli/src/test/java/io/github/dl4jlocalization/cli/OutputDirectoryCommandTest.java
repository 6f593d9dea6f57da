package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.OutputLock;
import io.github.dl4jlocalization.experiment.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every command that writes a directory takes it alone, and only a directory of its own kind. */
class OutputDirectoryCommandTest extends ConsoleCapture {
    private static final String[] SMALL = {"--length", "8", "--batch", "20", "--steps", "4", "--record-every", "2",
        "--eval-size", "20", "--no-stats"};

    @TempDir
    Path dir;

    private static String[] args(List<String> command, String... more) {
        String[] all = new String[command.size() + more.length];
        for (int i = 0; i < command.size(); i++) {
            all[i] = command.get(i);
        }
        System.arraycopy(more, 0, all, command.size(), more.length);
        return all;
    }

    @Test
    void pruneOrTheoryOntoARunDirectoryIsRefusedAndChangesNothing() throws IOException {
        Path run = dir.resolve("run");
        List<String> runArgs = new java.util.ArrayList<>(List.of("run", "--out", run.toString()));
        runArgs.addAll(List.of(SMALL));
        assertEquals(0, LocalizationCli.execute(runArgs.toArray(String[]::new)), stderr());
        byte[] summary = Files.readAllBytes(run.resolve(RunDirectory.SUMMARY));
        for (String command : List.of("prune", "theory")) {
            err.reset();
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(command, "--out", run.toString()),
                    stderr());
            assertEquals("error: --out " + run + " holds the results of 'run', not of '" + command
                    + "': choose another directory", stderr().strip());
        }
        assertArrayEquals(summary, Files.readAllBytes(run.resolve(RunDirectory.SUMMARY)), "summary.json untouched");
    }

    @Test
    @SuppressWarnings("try")   // the resource is held for the block, not used in it
    void aRunOntoADirectoryBeingWrittenIsRefusedBeforeWritingAnything() throws IOException {
        Path out = dir.resolve("busy");
        try (OutputLock other = OutputLock.acquire("--out", out, OutputLock.RUN)) {
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(args(List.of("run", "--out",
                    out.toString()), SMALL)), stderr());
            assertTrue(stderr().contains("is being written by another localization command (run)"), stderr());
            assertEquals(List.of(OutputLock.FILE), Files.list(out).map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void anEmptyOutIsRefused() {
        Path cwd = Path.of("").toAbsolutePath();
        for (List<String> command : List.of(List.of("run"), List.of("prune"), List.of("theory"))) {
            err.reset();
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(args(command, "--out", "")), stderr());
            assertTrue(stderr().contains("--out must be a directory path, got ''"), stderr());
        }
        assertFalse(Files.exists(cwd.resolve(RunDirectory.CONFIG)), "nothing written into the working directory");
        assertFalse(Files.exists(cwd.resolve(OutputLock.FILE)));
    }
}
