package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.DeepFieldsRun;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.figures.DeepFieldsFigure;
import io.github.dl4jlocalization.figures.FigureSummary;
import io.github.dl4jlocalization.figures.FigureSweeps;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.JsonLinesRecordSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization figure deep-fields} on a tiny setting: its sweeps, files and summary. */
class FigureDeepFieldsCommandTest extends ConsoleCapture {

    @Test
    void tracksTheEffectiveFieldsOfEveryNetworkOnBothModels(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("deep");
        String[] args = {"figure", "deep-fields", "--length", "16", "--image-length", "8", "--channels", "2",
            "--kernel", "3", "--image-kernel", "3", "--width", "6", "--batch", "50", "--image-batch", "20",
            "--steps", "20", "--record-every", "10", "--eval-size", "30", "--out", out.toString()};
        assertEquals(0, LocalizationCli.execute(args), stderr());
        assertTrue(stdout().contains("verdicts.cnn1d.layer1: "), stdout());

        // 3 networks x 2 models x 3 record steps (0, 10, 20) x 2 layers
        List<String> csv = Files.readAllLines(out.resolve(DeepFieldsFigure.CSV));
        assertEquals("architecture,model,seed,layer,step,meanIpr,maxIpr,meanWidth", csv.get(0));
        assertEquals(1 + 3 * 2 * 3 * 2, csv.size(), csv.toString());
        assertTrue(Files.size(out.resolve(DeepFieldsFigure.PNG)) > 1000);
        assertTrue(Files.size(out.resolve(DeepFieldsFigure.RF_PNG)) > 1000);

        Path unit = unitDir(out, "cnn2d");
        List<EffectiveReceptiveFieldRecord> records = JsonLinesRecordSink.read(unit.resolve(DeepFieldsRun.FIELDS),
                EffectiveReceptiveFieldRecord.class);
        assertEquals(6, records.size());
        EffectiveReceptiveFieldRecord last = records.get(records.size() - 1);
        assertEquals("layer1", last.layer());
        assertArrayEquals(new long[] {8, 8}, last.inputShape(), "the 2-D CNN's fields are 8 x 8 images");
        assertEquals(2, last.unitCount(), "every channel at the centre");
        assertEquals(64, last.fields()[0].length);

        Map<String, Object> summary = JsonFiles.readJson(out.resolve(FigureSummary.FILE), "summary");
        @SuppressWarnings("unchecked")
        Map<String, Object> measured = (Map<String, Object>) summary.get("measured");
        @SuppressWarnings("unchecked")
        Map<String, Object> cnn1d = (Map<String, Object>) measured.get("cnn1d.layer1");
        assertEquals(5, ((Number) cnn1d.get("theoreticalSites")).intValue(), "2k - 1 sites for k = 3");
        @SuppressWarnings("unchecked")
        Map<String, Object> fcn = (Map<String, Object>) measured.get("fcn.layer0");
        assertEquals(16, ((Number) fcn.get("theoreticalSites")).intValue(), "a dense unit sees the whole input");
        assertTrue(((Map<?, ?>) measured.get("verdicts")).size() == 6);
        // a re-run resumes: every unit is done, nothing is retrained
        err.reset();
        assertEquals(0, LocalizationCli.execute(args), stderr());
        assertEquals(csv, Files.readAllLines(out.resolve(DeepFieldsFigure.CSV)));
    }

    @Test
    void flagsTheFigureSetsItselfAreRejected(@TempDir Path dir) {
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("figure", "deep-fields", "--dim", "2",
                "--out", dir.toString()));
        assertTrue(stderr().contains("--dim must be left out"), stderr());
    }

    private static Path unitDir(Path out, String sweep) throws IOException {
        try (Stream<Path> units = Files.list(out.resolve(FigureSweeps.SWEEPS).resolve(sweep).resolve("units"))) {
            return units.sorted().findFirst().orElseThrow();
        }
    }
}
