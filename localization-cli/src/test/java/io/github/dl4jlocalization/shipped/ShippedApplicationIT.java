package io.github.dl4jlocalization.shipped;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The application as a user meets it: the {@code ./localization} launcher of the repository (its
 * jar, as {@code mvn package} just built it, on its own class path, not this module's test class
 * path), a run, a pruning run, their dashboards replayed and served live with {@code run --ui},
 * fetched over plain HTTP/1.1 (a raw socket: no h2c upgrade, unlike {@code java.net.http}, which
 * once hid a dashboard that hung every HTTP/1.1 client) and rendered by headless Chromium, whose
 * charts must all have drawn data. Runs in the integration-test phase (failsafe), after the jar
 * exists. Chromium is required when the environment variable {@code CI} is set ({@code run-tests}
 * installs Debian's package); elsewhere its checks are skipped when it is missing.
 */
class ShippedApplicationIT {
    private static final Path ROOT = Path.of(System.getProperty("localization.root", "..")).toAbsolutePath()
            .normalize();
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/localization)");
    private static final Pattern CHART = Pattern.compile("id=\"([a-z-]+)\"[^>]*\\bdata-points=\"(\\d+)\"");
    /** The charts of a training session, each of which must draw data. */
    private static final List<String> TRAINING_CHARTS = List.of("ipr-curve", "ipr-heatmap", "ipr-bars", "fields",
            "weights-heatmap", "kurtosis-pixels", "kurtosis-curve");
    private static Path work;
    private static String chromium;
    private static final List<Process> SERVERS = new ArrayList<>();

    @BeforeAll
    static void runs() throws Exception {
        chromium = Stream.of("chromium", "chromium-browser").map(ShippedApplicationIT::onPath)
                .filter(p -> p != null).findFirst().orElse(null);
        if (chromium == null && System.getenv("CI") != null) {
            fail("CI is set but no chromium is installed (run-tests installs Debian's chromium)");
        }
        work = Files.createTempDirectory("shipped-application");
        // a run that localizes (4 ReLU units on NLGP(g=3), 600 steps) and a small pruning run
        launch(List.of("run", "--hidden", "4", "--batch", "1000", "--steps", "600", "--record-every", "20",
                "--seed", "1", "--out", work.resolve("run").toString()));
        launch(List.of("prune", "--hidden", "4", "--batch", "200", "--steps", "40", "--rounds", "3",
                "--rate", "0.3", "--out", work.resolve("prune").toString()));
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(Process::destroy);
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

    private static ProcessBuilder launcher(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("localization").toString());
        command.addAll(args);
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    }

    /** Runs {@code ./localization ARGS} to its end; its output. */
    private static String launch(List<String> args) throws IOException, InterruptedException {
        Process p = launcher(args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out: " + args);
        assertEquals(0, p.exitValue(), args + ":\n" + out);
        return out;
    }

    /** Starts {@code ./localization ARGS}, a server, and waits for the dashboard URL it prints. */
    private static String serve(List<String> args) throws IOException {
        Process p = launcher(args).start();
        SERVERS.add(p);
        BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = URL.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the server was stopped
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return m.group(1);
            }
        }
        throw new AssertionError("no dashboard URL printed by " + args + ":\n" + seen);
    }

    /** A plain HTTP/1.1 GET on a socket: status line, headers and body as they arrive. */
    static HttpResponse get(String url) throws IOException {
        Matcher m = Pattern.compile("http://([^:/]+):(\\d+)(/.*)").matcher(url);
        assertTrue(m.matches(), url);
        try (Socket socket = new Socket(m.group(1), Integer.parseInt(m.group(2)))) {
            socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + m.group(3) + " HTTP/1.1\r\nHost: " + m.group(1) + ":" + m.group(2)
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no HTTP/1.1 response head from " + url + ": " + response);
            String head = response.substring(0, end);
            assertTrue(head.startsWith("HTTP/1.1 "), head);
            int status = Integer.parseInt(head.substring(9, 12));
            String body = response.substring(end + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new HttpResponse(status, head, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }

    record HttpResponse(int status, String head, String body) {
    }

    /** The sessions of the dashboard at {@code url}, as (id, pruning) pairs, waiting up to 60 s for one. */
    private static Map<String, Boolean> sessions(String url) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            HttpResponse r = get(url + "/sessions");
            assertEquals(200, r.status(), r.head());
            Map<String, Boolean> out = new HashMap<>();
            Matcher m = Pattern.compile("\"id\":\"([^\"]+)\"[^}]*\"pruning\":(true|false)").matcher(r.body());
            while (m.find()) {
                out.put(m.group(1), Boolean.parseBoolean(m.group(2)));
            }
            if (!out.isEmpty()) {
                return out;
            }
            assertTrue(System.nanoTime() < deadline, "no session within 60 s: " + r.body());
            Thread.sleep(500);
        }
    }

    /** Headless Chromium renders {@code url} for 10 s of virtual time: the data-points of every chart. */
    private static Map<String, Integer> render(String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium");
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--window-size=1400,1500",
                "--dump-dom", url).redirectError(work.resolve("chromium.log").toFile()).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), Files.readString(work.resolve("chromium.log")));
        Map<String, Integer> points = new HashMap<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            points.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertTrue(dom.contains("class=\"flot-base\""), "flot drew on its canvases:\n" + dom);
        points.put("pruning-section-shown", dom.contains("<section id=\"pruning\" hidden") ? 0 : 1);
        return points;
    }

    private static void assertTrainingChartsDrawn(Map<String, Integer> points) {
        for (String chart : TRAINING_CHARTS) {
            assertTrue(points.getOrDefault(chart, 0) > 0, chart + " drew no data: " + points);
        }
    }

    @Test
    void replayedRunServesPlainHttp11AndEveryPanelDrawsInChromium() throws Exception {
        String url = serve(List.of("dashboard", work.resolve("run").toString(), "--port", "0"));
        HttpResponse page = get(url);
        assertEquals(200, page.status(), page.head());
        assertTrue(page.body().contains("localization.js"), page.body());
        assertEquals(200, get(url.replace("/localization", "/train/overview")).status(), "DL4J's own pages");
        String session = sessions(url).keySet().iterator().next();
        HttpResponse data = get(url + "/data/" + session);
        assertEquals(200, data.status(), data.head());
        // 600 steps recorded every 20: records at steps 0 (or 20) .. 600
        Matcher iterations = Pattern.compile("\"iteration\":\\[([0-9,]+)\\]").matcher(data.body());
        assertTrue(iterations.find(), data.body());
        assertTrue(iterations.group(1).split(",").length >= 30, iterations.group(1));
        assertTrue(Pattern.compile("\"latestInput\":\\[[-0-9]").matcher(data.body()).find(),
                "per-pixel input kurtosis: " + data.body());
        if (chromium != null) {
            Map<String, Integer> points = render(url + "#session=" + session);
            assertTrainingChartsDrawn(points);
            assertEquals(0, points.get("pruning-section-shown"), "a training run has no pruning rounds");
        }
    }

    @Test
    void pruningRunShowsItsRoundsInTheDashboard() throws Exception {
        String url = serve(List.of("dashboard", work.resolve("prune").toString(), "--port", "0"));
        Map<String, Boolean> sessions = sessions(url);
        assertTrue(sessions.containsValue(true), "a session with pruning rounds: " + sessions);
        if (chromium != null) {
            String pruned = sessions.entrySet().stream().filter(Map.Entry::getValue).findFirst().orElseThrow()
                    .getKey();
            Map<String, Integer> points = render(url + "#session=" + pruned);
            assertEquals(1, points.get("pruning-section-shown"));
            assertTrue(points.get("pruning-rounds") > 0, points.toString());
        }
    }

    @Test
    void demoWritesTheStatsFileItsDashboardReplaysAndSaysWhyItsAccuracyIsAtChance() throws Exception {
        String out = launch(List.of("demo", "--out", work.resolve("demo").toString()));
        List<String> lines = out.lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("accuracy 0\\.\\d{3} is near chance, as expected: both classes have zero mean .*"
                + "what it learns is the shape of its receptive field, which localizes.*"), last);
        String url = serve(List.of("dashboard", work.resolve("demo").toString(), "--port", "0"));
        String session = sessions(url).keySet().iterator().next();
        HttpResponse data = get(url + "/data/" + session);
        assertEquals(200, data.status(), data.head());
        // 500 steps recorded every 10: records at steps 0 .. 500, and the per-pixel input kurtosis
        Matcher iterations = Pattern.compile("\"iteration\":\\[([0-9,]+)\\]").matcher(data.body());
        assertTrue(iterations.find() && iterations.group(1).split(",").length == 51, data.body());
        assertTrue(Pattern.compile("\"latestInput\":\\[[-0-9]").matcher(data.body()).find(), data.body());
    }

    @Test
    void runWithUiServesTheDashboardWhileTraining() throws Exception {
        String url = serve(List.of("run", "--ui", "--ui-port", "0", "--hidden", "4", "--batch", "500",
                "--steps", "100000", "--record-every", "10", "--out", work.resolve("live").toString()));
        assertEquals(200, get(url).status());
        String session = sessions(url).keySet().iterator().next();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!get(url + "/data/" + session).body().matches("(?s).*\"iteration\":\\[\\d+,\\d+,\\d+.*")) {
            assertTrue(System.nanoTime() < deadline, "no records within 60 s");
            Thread.sleep(500);
        }
        if (chromium != null) {
            assertTrainingChartsDrawn(render(url + "#session=" + session));
        }
    }
}
