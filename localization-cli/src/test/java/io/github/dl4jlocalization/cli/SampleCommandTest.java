package io.github.dl4jlocalization.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization sample}: the CSV it writes, and counts that cannot fit refused before writing. */
class SampleCommandTest extends ConsoleCapture {
    @TempDir
    Path dir;

    @Test
    void writesNRowsOfDValuesAndTheLabel() throws IOException {
        Path out = dir.resolve("s.csv");
        assertEquals(0, LocalizationCli.execute("sample", "--n", "1500", "--length", "6", "--out", out.toString()),
                stderr());
        List<String> rows = Files.readAllLines(out);
        assertEquals(1500, rows.size());
        for (String row : rows) {
            String[] values = row.split(",");
            assertEquals(7, values.length, row);
            assertTrue(values[6].equals("0") || values[6].equals("1"), row);
        }
    }

    /**
     * 10^15 samples of 40 values need at least 162 bytes each, 1.6e17 bytes: more than any disk
     * here. Refused at once, naming --n and the largest count that could fit, with no file (it once
     * wrote a 13.7 GB temporary file before running out of disk).
     */
    @Test
    void aCountThatCannotFitOnTheDiskIsRefusedBeforeWriting() throws IOException {
        Path out = dir.resolve("huge.csv");
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("sample", "--n", "1000000000000000",
                "--out", out.toString()), stderr());
        long free = Files.getFileStore(dir).getUsableSpace();
        assertTrue(stderr().startsWith("error: n must be at most ") && stderr().contains("a sample takes at least "
                + "162 bytes of CSV") && stderr().contains("got 1000000000000000"), stderr());
        long most = Long.parseLong(stderr().replaceAll("(?s)error: n must be at most (\\d+) here.*", "$1"));
        assertTrue(Math.abs(most - free / 162) <= free / 162 / 100 + 1, most + " vs free/162 = " + free / 162);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written");
        }
        assertFalse(Files.exists(out));
    }
}
