package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.JsonFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Config and grid files are read within bounds ({@link JsonFiles#readConfig}): each bad file fails
 * at once with one line naming the file and the problem, through {@code run --config} and
 * {@code sweep --grid} with exit status 2 and nothing written; aliases are resolved.
 */
class ConfigFileBoundsTest extends ConsoleCapture {
    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String message(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> JsonFiles.readConfig(file)).getMessage();
    }

    /** {@code run --config FILE} and {@code sweep --grid FILE}: exit 2, one line containing {@code expected}, no output directory. */
    private void rejectedByTheCommands(Path file, String expected) {
        for (List<String> command : List.of(List.of("run", "--config"), List.of("sweep", "--grid"))) {
            err.reset();
            Path out = dir.resolve("out-" + command.get(0));
            assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute(command.get(0), command.get(1),
                    file.toString(), "--out", out.toString()), stderr());
            assertEquals(1, stderr().lines().count(), "one line: " + stderr());
            assertTrue(stderr().startsWith("error: ") && stderr().contains(expected), stderr());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    void aFileOverTheSizeLimitIsRejectedBeforeParsing() throws IOException {
        // a 1 MiB + 1 quoted scalar: the shape of the 50 MB scalar that once kept the reader busy for minutes
        Path big = file("big.yaml", "lr: \"" + "1".repeat(JsonFiles.MAX_CONFIG_BYTES) + "\"\n");
        String m = message(big);
        assertTrue(m.startsWith("config file " + big) && m.endsWith("must be at most 1048576 bytes (1 MiB), got "
                + Files.size(big) + " bytes"), m);
        rejectedByTheCommands(big, "at most 1048576 bytes");
    }

    @Test
    void duplicateKeysAreRejectedNamingTheKeyAndLine() throws IOException {
        String yaml = message(file("dup.yaml", "lr: 0.1\nsteps: 10\nlr: 0.2\n"));
        assertTrue(yaml.contains("found duplicate key lr") && yaml.contains("at line 3, column 1"), yaml);
        String json = message(file("dup.json", "{\"lr\": 0.1,\n \"lr\": 0.2}\n"));
        assertTrue(json.contains("Duplicate field 'lr'") && json.contains("at line 2"), json);
        rejectedByTheCommands(dir.resolve("dup.yaml"), "found duplicate key lr");
    }

    @Test
    void syntaxErrorsAreOneLineWithLineAndColumn() throws IOException {
        String yaml = message(file("bad.yaml", "lr: 0.1\nsteps: [10\nbatch: 5\n"));
        assertEquals(1, yaml.lines().count(), yaml);
        assertTrue(yaml.contains("is not valid YAML") && yaml.matches(".* at line \\d+, column \\d+"), yaml);
        String json = message(file("bad.json", "{\"lr\": 0.1,,}"));
        assertEquals(1, json.lines().count(), json);
        assertTrue(json.contains("is not valid JSON") && json.contains("at line 1, column"), json);
        rejectedByTheCommands(dir.resolve("bad.yaml"), "is not valid YAML");
    }

    @Test
    void aliasesAreResolvedAndAliasBombsAndJavaTagsRejected() throws IOException {
        Map<String, Object> read = JsonFiles.readConfig(file("alias.yaml",
                "pair: &x [0.3, 0.7]\nlength: &l 12\ndata: {xi: *x, length: *l}\n"));
        assertEquals(Map.of("xi", List.of(0.3, 0.7), "length", 12), read.get("data"));

        // "billion laughs": 9 levels of 9 aliases each to the list above, 9^9 strings if expanded
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            String alias = "*" + (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(String.join(", ", java.util.Collections.nCopies(9,
                    alias))).append("]\n");
        }
        String m = message(file("bomb.yaml", bomb.toString()));
        assertTrue(m.contains("Number of aliases for non-scalar nodes exceeds the specified max=50"), m);

        String tag = message(file("tag.yaml",
                "lr: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n"));
        assertTrue(tag.contains("Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager"), tag);
        assertEquals(1, tag.lines().count(), tag);
    }

    @Test
    void aTopLevelThatIsNotAMapIsNamed() throws IOException {
        assertTrue(message(file("list.yaml", "- 1\n- 2\n")).contains("its top level is not a map"));
        assertTrue(message(file("empty.yaml", "")).contains("is empty"));
    }

    @Test
    void aliasesThatExpandBeyondTheSizeLimitAreRejected() throws IOException {
        // 24 levels of a list holding the level below and two aliases to it: 48 aliases (under
        // SnakeYAML's 50), 3^25 numbers once expanded; a 487-byte grid whose first use (the error
        // message naming the bad lr) exhausted the heap
        String level = "&a0 [0.1, 0.1, 0.1]";
        for (int i = 1; i < 25; i++) {
            level = "&a" + i + " [" + level + ", *a" + (i - 1) + ", *a" + (i - 1) + "]";
        }
        Path nested = file("nested.yaml", "base: {steps: 2, batch: 10}\naxes:\n  lr: " + level + "\n");
        assertTrue(message(nested).endsWith(" expands through its aliases to more than 1048576 characters of values, "
                + "the most a config file holds: use fewer aliases"), message(nested));
        rejectedByTheCommands(nested, "expands through its aliases");
    }

    @Test
    void longTextsKeysGivenTwiceAsTextAndTrailingJsonAreRejected() throws IOException {
        Path longText = file("long.yaml", "base: {out: '" + "o".repeat(JsonFiles.MAX_CONFIG_TEXT + 1) + "'}\n");
        assertEquals("config file " + longText + ": base.out must be at most 4096 characters (a config's values are "
                + "numbers, names and paths), got 4097 characters", message(longText));
        rejectedByTheCommands(longText, "base.out must be at most 4096 characters");
        Path twice = file("twice.yaml", "1: a\n'1': b\n");
        assertEquals("config file " + twice + " has the key 1 twice", message(twice));
        Path trailing = file("trailing.json", "{\"lr\": 0.1} {}");
        assertTrue(message(trailing).contains("is not valid JSON key: value entries: Trailing token"),
                message(trailing));
        rejectedByTheCommands(trailing, "Trailing token");
    }

    @Test
    void datesStayTextAndKeysThatAreNotTextBecomeText() throws IOException {
        assertEquals(Map.of("out", "2024-01-01", "data", Map.of("1", List.of(0.5))),
                JsonFiles.readConfig(file("dates.yaml", "out: 2024-01-01\ndata: {1: [0.5]}\n")));
    }
}
