package io.github.dl4jlocalization.examples;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example's {@code main}, run for a few steps on this project's class path (the installed
 * plugin artifacts next to the user's own deeplearning4j-core and backend), with what it promises
 * to print and write checked.
 */
class ExamplesTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream stdout;

    @BeforeEach
    void capture() {
        stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        stdout.print(output());
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void userPipelineTrainsTheUsersNetworkAndWritesEveryRecord(@TempDir Path dir) throws IOException {
        // 2 epochs of 50 batches: 100 updates, records every 10; UI on a free port
        UserPipelineExample.main(new String[] {"2", dir.toString(), "0"});
        assertTrue(output().contains("DL4J training UI with the localization page: http://127.0.0.1:"), output());
        double accuracy = number(output(), "accuracy on the held-out set: ([0-9.]+)");
        assertTrue(accuracy >= 0 && accuracy <= 1, output());
        List<String> fields = Files.readAllLines(dir.resolve("receptive-fields.csv"));
        assertTrue(fields.get(0).startsWith("iteration,"), fields.get(0));
        assertEquals(1 + 10, fields.size(), "a header and one row every 10 of 100 updates");
        List<String> kurtosis = Files.readAllLines(dir.resolve("kurtosis.csv"));
        assertEquals(1 + 10, kurtosis.size(), kurtosis.get(0));
        assertTrue(Files.size(dir.resolve("stats.bin")) > 0);
    }

    @Test
    void dataVecPathTrainsFromTheRecordReader() {
        DataVecExample.main(new String[] {"1", "5000"});
        double meanIpr = number(output(), "mean IPR ([0-9.]+)");
        assertTrue(meanIpr > 1.0 / 40 && meanIpr <= 1, output());
        assertTrue(output().contains("after 10 updates"), output());
    }

    @Test
    void pruningRemovesThirtyPercentPerRound(@TempDir Path dir) throws IOException {
        PruningExample.main(new String[] {"2", "20", dir.toString()});
        // rounds 0 (dense), 1 and 2: sparsity 0, 0.3, 1 - 0.7^2 = 0.51 of the first layer
        assertTrue(output().matches("(?s).*\\n    0     0\\.000 .*\\n    1     0\\.300 .*\\n    2     0\\.510 .*"),
                output());
        assertEquals(3, Files.readAllLines(dir.resolve("rounds.jsonl")).size());
        assertTrue(Files.size(dir.resolve("pruned.zip")) > 0);
    }

    @Test
    void backendExamplePrintsTheCpuBackend() {
        BackendExample.main(new String[] {"5"});
        assertTrue(output().contains("ND4J backend: CpuBackend"), output());
        assertTrue(output().contains("5 steps on CpuBackend"), output());
    }

    @Test
    void receptiveFieldsOfTheUsersCnnAreReadAndRecorded(@TempDir Path dir) throws IOException {
        ReceptiveFieldExample.main(new String[] {"200", dir.toString()});
        // two 3x3 convolutions (Same): the central unit of layer1 sees 5 x 5 of the 12 x 12 sites
        assertTrue(output().contains("the central unit of layer1 sees"), output());
        assertTrue(output().matches("(?s).*layer1 \\(ConvolutionLayer\\)\\s+\\[4, 12, 12\\]\\s+5x5 .*"), output());
        double ipr = number(output(), "after 200 steps: IPR ([0-9.]+)");
        assertTrue(ipr >= 1.0 / 144 && ipr <= 1, "an IPR of a field over 144 sites: " + output());
        // records at steps 100 and 200, one row each: 4 channels, 2 axes
        List<String> rows = Files.readAllLines(dir.resolve("effective-fields.csv"));
        assertEquals(3, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(0).startsWith("iteration,epoch,timestampMillis,score,layer,meanIpr"), rows.get(0));
        assertTrue(rows.get(2).startsWith("200,"), rows.get(2));
        assertTrue(Files.size(dir.resolve("stats.bin")) > 0);
    }

    @Test
    void papersSingleNeuronLocalizesAndItsFieldIsMatchedToTheCnnsFilters() {
        // 150 SGD steps at lr 0.1, B = 5000 on NLGP(g = 3): the neuron localizes within about 120
        PapersNetworksExample.main(new String[] {"150"});
        double ipr = number(output(), "single neuron after 150 steps: IPR ([0-9.]+)");
        assertTrue(ipr > 0.5, "localized: " + output());
        double score = number(output(), "best match among the CNN's filters: ([0-9.]+)");
        assertTrue(score > 0 && score <= 1, output());
    }
}
