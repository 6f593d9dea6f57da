package io.github.dl4jlocalization.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dl4jlocalization.sweep.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Fixed configurations give bit-identical results across refactorings of how the application
 * trains: a single run ({@code run}), an effective-dynamics comparison ({@code theory}, whose SGD
 * side is a run), a pruning run with its one-shot baseline and a late rewind ({@code prune}), a
 * sweep of convolutional runs and a small sweep of runs ({@code sweep}), each through
 * {@link LocalizationCli#execute} with its default outputs (the stats file included).
 *
 * <p>The reference files under {@code src/test/resources/behaviour-reference/} were written by this
 * test, with {@code -Dbehaviour.reference.write=<that folder>}, on the code of commit 29e8caf
 * (before training became one {@code net.fit(iterator)} with a listener stack), on a 2-core
 * x86-64 machine (Zen 5) with the CPU backend and {@code OMP_NUM_THREADS=1}. They are kept, not
 * regenerated: a difference is a change of behaviour. Every CSV file must be equal byte for byte
 * (except the wall-clock {@code seconds} and the hash-derived {@code id} columns of a sweep's
 * {@code results.csv}); every value of a reference JSON file must be present and equal in the new
 * file (numbers exactly, as written by {@link Double#toString}), except wall-clock seconds and
 * memory; new keys may be added. Sweep units are matched by their grid order, not their id. One
 * reference value was edited by hand, a spelling and no number: the theory summary's
 * {@code variant}, {@code variant_1} then, is written {@code 1} as grid files spell it since every
 * parameter is declared once.
 *
 * <p>Bit identity holds on one machine; a BLAS built for another CPU may round matrix products
 * differently, so on other hardware this test compares that machine's numbers with these.
 */
class BehaviourKeptTest extends ConsoleCapture {
    /** Keys of measured time and memory, which no run repeats. */
    private static final Set<String> UNREPEATABLE = Set.of("secondsElapsed", "seconds", "peakRssBytes");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REFERENCE = Path.of("src/test/resources/behaviour-reference");

    @Test
    void singleRun(@TempDir Path dir) throws IOException {
        runAndCheck("run", dir, List.of("weights.csv", "metrics.csv", "summary.json"),
                "run", "--length", "20", "--hidden", "3", "--lr", "0.2", "--batch", "200", "--steps", "30",
                "--record-every", "7", "--checkpoint-every", "10", "--eval-size", "300", "--seed", "5");
    }

    @Test
    void theoryComparison(@TempDir Path dir) throws IOException {
        runAndCheck("theory", dir, List.of("trajectory.csv", "theory-weights.csv", "summary.json", "sgd/weights.csv",
                "sgd/metrics.csv", "sgd/summary.json"),
                "theory", "--gain", "100", "--xi", "1,3", "--length", "12", "--lr", "0.05", "--batch", "500",
                "--steps", "40", "--record-every", "10", "--checkpoint-every", "0", "--seed", "2");
    }

    @Test
    void pruneRun(@TempDir Path dir) throws IOException {
        runAndCheck("prune", dir, List.of("rounds.csv", "one-shot.csv", "summary.json"),
                "prune", "--length", "12", "--hidden", "3", "--lr", "1", "--batch", "100", "--steps", "15",
                "--rounds", "2", "--rate", "0.5", "--rewind", "5", "--held-out", "200", "--seed", "3", "--baseline");
    }

    @Test
    void convolutionalSweep(@TempDir Path dir) throws IOException {
        sweep(dir, "cnn", """
                base: {data: {length: 12, gain: 10, xi: [1, 3]}, lr: 0.5, batch: 100, steps: 12, recordEvery: 5,
                       checkpointEvery: 0, evalSize: 100}
                task: {kind: cnn, channels: 3, filterWidth: 4}
                seeds: 2
                """);
    }

    @Test
    void smallSweep(@TempDir Path dir) throws IOException {
        sweep(dir, "sweep", """
                base: {data: {length: 10}, hidden: 2, batch: 100, steps: 10, recordEvery: 4, checkpointEvery: 0,
                       evalSize: 100}
                axes: {lr: [0.1, 0.5]}
                seeds: 2
                """);
    }

    private void sweep(Path dir, String name, String grid) throws IOException {
        Path file = dir.resolve("grid.yaml");
        Path out = dir.resolve(name);
        Files.writeString(file, grid + "out: " + out + "\n");
        execute("sweep", "--grid", file.toString());
        // units in grid order (the rows of results.csv), named by that order
        List<String> rows = Files.readAllLines(out.resolve(Sweep.CSV));
        List<String> files = new ArrayList<>(List.of(Sweep.CSV));
        for (int u = 0; u < rows.size() - 1; u++) {
            String id = rows.get(u + 1).split(",", -1)[0];
            Path unit = out.resolve("unit-" + u);
            Files.createDirectories(unit);
            Files.copy(out.resolve(Sweep.RESULTS).resolve(id + ".json"), unit.resolve("result.json"));
            for (String f : List.of("weights.csv", "metrics.csv", "summary.json")) {
                Files.copy(out.resolve(Sweep.UNITS).resolve(id).resolve(f), unit.resolve(f));
                files.add("unit-" + u + "/" + f);
            }
            files.add("unit-" + u + "/result.json");
        }
        check(name, out, files);
    }

    private void execute(String... args) {
        assertEquals(0, LocalizationCli.execute(args), stderr());
    }

    /** Runs the command {@code args} with {@code --out dir/name} and checks its {@code files}. */
    private void runAndCheck(String name, Path dir, List<String> files, String... args) throws IOException {
        Path out = dir.resolve(name);
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--out", out.toString()));
        execute(command.toArray(String[]::new));
        check(name, out, files);
    }

    /** Compares (or, when asked, writes) the normalised files of one case. */
    private void check(String name, Path out, List<String> files) throws IOException {
        String write = System.getProperty("behaviour.reference.write");
        for (String f : files) {
            String actual = normalise(f, Files.readString(out.resolve(f), StandardCharsets.UTF_8));
            if (write != null) {
                Path target = Path.of(write).resolve(name).resolve(f);
                Files.createDirectories(target.getParent());
                Files.writeString(target, actual, StandardCharsets.UTF_8);
                continue;
            }
            String expected = Files.readString(REFERENCE.resolve(name).resolve(f), StandardCharsets.UTF_8);
            if (f.endsWith(".json")) {
                assertContains(name + "/" + f, "", JSON.readTree(expected), JSON.readTree(actual));
            } else {
                assertSameLines(name + "/" + f, expected, actual);
            }
        }
    }

    /** JSON without the unrepeatable keys; a results table without its id and seconds columns. */
    private static String normalise(String file, String text) throws IOException {
        if (file.endsWith(".json")) {
            JsonNode tree = JSON.readTree(text);
            strip(tree);
            if (tree instanceof ObjectNode object) {
                object.remove("id");
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        }
        if (!file.equals(Sweep.CSV)) {
            return text;
        }
        List<String> lines = text.lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        int id = header.indexOf("id");
        int seconds = header.indexOf("seconds");
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            List<String> fields = new ArrayList<>(List.of(line.split(",", -1)));
            fields.remove(seconds);
            fields.remove(id);
            s.append(String.join(",", fields)).append('\n');
        }
        return s.toString();
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(UNREPEATABLE);
        }
        node.forEach(BehaviourKeptTest::strip);
    }

    private static void assertSameLines(String file, String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
            assertEquals(e.get(i), a.get(i), file + " line " + (i + 1));
        }
        assertEquals(e.size(), a.size(), file + " lines");
    }

    /** Every value of {@code expected} is in {@code actual}, equal; objects may have more keys. */
    private static void assertContains(String file, String path, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertTrue(actual != null && actual.isObject(), file + ": " + path + " is not an object: " + actual);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertContains(file, path + "/" + e.getKey(), e.getValue(), actual.get(e.getKey()));
            }
        } else if (expected.isArray()) {
            assertTrue(actual != null && actual.isArray() && actual.size() == expected.size(),
                    file + ": " + path + " is not an array of " + expected.size() + ": " + actual);
            for (int i = 0; i < expected.size(); i++) {
                assertContains(file, path + "/" + i, expected.get(i), actual.get(i));
            }
        } else if (actual == null || !expected.asText().equals(actual.asText())
                || expected.isNumber() != actual.isNumber()) {
            fail(file + ": " + path + " was " + expected + ", is " + actual);
        }
    }
}
