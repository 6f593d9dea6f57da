package io.github.dl4jlocalization.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The page in a real browser: headless Chromium loads it for the short run, lets its scripts run
 * for 10 s of virtual time and dumps the DOM, whose charts must have drawn the run's data (each
 * chart element carries the number of values it drew). Skipped when Chromium is not installed,
 * unless the environment variable {@code CI} is set ({@code .ci/run} installs Debian's
 * {@code chromium}): there it must run.
 */
class BrowserTest {
    private static final Pattern CHART = Pattern.compile("id=\"([a-z-]+)\"[^>]*\\bdata-points=\"(\\d+)\"");
    private static LocalizationDashboard ui;
    private static String chromium;

    @BeforeAll
    static void start() {
        chromium = Stream.of("chromium", "chromium-browser").map(BrowserTest::onPath).filter(p -> p != null)
                .findFirst().orElse(null);
        if (chromium == null && System.getenv("CI") != null) {
            fail("CI is set but no chromium is installed (.ci/run installs Debian's chromium)");
        }
        if (chromium != null) {
            ui = LocalizationDashboard.start(ShortRun.recorded(), 0);
        }
    }

    @BeforeEach
    void requireChromium() {
        assumeTrue(chromium != null, "chromium is not installed (and CI is not set)");
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** Runs headless Chromium on {@code url} with {@code action} (--dump-dom or --screenshot=F); its stdout. */
    static String chromium(String url, String action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("dashboard-chromium");
        Path log = Files.createTempFile("dashboard-chromium", ".log");
        List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=10000",
                "--window-size=1400,1500", "--hide-scrollbars", action, url));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium did not finish");
            assertEquals(0, p.exitValue(), Files.readString(log));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            p.destroyForcibly();
            deleteTree(profile);
            Files.deleteIfExists(log);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    /** The data-points of every chart element of a dumped DOM, by element id. */
    private static Map<String, Integer> points(String dom) {
        Map<String, Integer> out = new HashMap<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            out.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return out;
    }

    @Test
    void chartsDrawTheRecordsOfTheShortRun() throws Exception {
        String dom = chromium(ui.url(), "--dump-dom");
        assertTrue(dom.contains("data-session=\"" + ShortRun.SESSION + "\""), dom);
        Map<String, Integer> points = points(dom);
        int records = ShortRun.STEPS / ShortRun.EVERY + 1;
        int kurtosisRecords = ShortRun.STEPS / ShortRun.EVERY;
        int k = ShortRun.K;
        int d = ShortRun.D;
        assertEquals(2 * records, points.get("ipr-curve"), "mean and max IPR per record");
        assertEquals(k * records, points.get("ipr-heatmap"), "IPR per unit and record");
        assertEquals(k, points.get("ipr-bars"));
        assertEquals(2 * d, points.get("fields"), "two receptive fields");
        assertEquals(k * d, points.get("weights-heatmap"));
        assertEquals(d, points.get("kurtosis-pixels"));
        assertEquals(2 * kurtosisRecords, points.get("kurtosis-curve"), "inputs and pre-activations");
        assertEquals(0, points.get("pruning-rounds"));
        assertTrue(dom.contains("<section id=\"pruning\" hidden=\"\">"), "no pruning section without its records");
        assertFalse(dom.contains("<section id=\"effective\" hidden"), "the effective-field section shows");
        assertEquals(3 * records, points.get("erf-curve"), "mean IPR, max IPR and mean width per record");
        assertEquals(k * d, points.get("erf-fields"), "the K fields of the newest record, one line each");
        assertEquals(records * d, points.get("erf-history"), "unit 0's field at every record");
        assertTrue(dom.contains("class=\"flot-base\""), "flot drew on its canvases");
    }

    @Test
    void pruningSessionShowsSparsityAndIprPerRound() throws Exception {
        String dom = chromium(ui.url() + "#session=" + ShortRun.PRUNED, "--dump-dom");
        assertTrue(dom.contains("data-session=\"" + ShortRun.PRUNED + "\""), dom);
        Map<String, Integer> points = points(dom);
        assertEquals(3 * ShortRun.ROUNDS, points.get("pruning-rounds"), "sparsity, mean and max IPR per round");
        assertFalse(dom.contains("<section id=\"pruning\" hidden"), "the pruning section shows");
        assertEquals(0, points.get("ipr-curve"));
        assertTrue(dom.contains("<section id=\"effective\" hidden=\"\">"), "no effective-field records");
    }

    /** 2-D effective fields are drawn as images: one per channel, and unit 0's at up to 6 records. */
    @Test
    void imageFieldsAreDrawnAsImages() throws Exception {
        String dom = chromium(ui.url() + "#session=" + ShortRun.IMAGE, "--dump-dom");
        assertTrue(dom.contains("data-session=\"" + ShortRun.IMAGE + "\""), dom);
        Map<String, Integer> points = points(dom);
        int records = ShortRun.STEPS / ShortRun.EVERY + 1;
        int sites = ShortRun.SIDE * ShortRun.SIDE;
        assertEquals(3 * records, points.get("erf-curve"));
        assertEquals(ShortRun.CHANNELS * sites, points.get("erf-fields"), "one image per channel");
        assertEquals(Math.min(6, records) * sites, points.get("erf-history"), "unit 0 at up to 6 records");
        assertEquals(ShortRun.CHANNELS, dom.split("<figure>", -1).length - 1, "one captioned image per channel");
        assertEquals(0, points.get("ipr-curve"), "no weight records in this session");
    }
}
