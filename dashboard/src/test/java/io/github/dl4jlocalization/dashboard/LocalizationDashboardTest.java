package io.github.dl4jlocalization.dashboard;

import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.ui.api.UIModule;
import org.deeplearning4j.ui.api.UIServer;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The dashboard server over HTTP: its routes, the DL4J pages and assets, and its security. */
class LocalizationDashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalizationDashboard ui;
    private static String base;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        ui = LocalizationDashboard.start(ShortRun.recorded(), 0);
        base = "http://127.0.0.1:" + ui.port();
    }

    @AfterAll
    static void stop() {
        ui.close();
        ui.close();   // idempotent
        assertTrue(VertxUIServer.getInstance().isStopped(), "the idle UI server is released with the last dashboard");
    }

    private static JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = Http.get(base + path);
        assertEquals(200, r.statusCode(), path);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), path);
        return JSON.readTree(r.body());
    }

    @Test
    void urlNamesTheLoopbackPage() {
        assertEquals(base + "/localization", ui.url());
        assertTrue(ui.toString().contains(ui.url()), ui.toString());
    }

    @Test
    void pageScriptSessionsAndDataAreServed() throws Exception {
        HttpResponse<String> page = Http.get(ui.url());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"/localization/localization.js\"></script>"));
        HttpResponse<String> script = Http.get(base + "/localization/localization.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/localization/data/"));
        assertEquals(302, Http.get(base + "/").statusCode());

        JsonNode sessions = json("/localization/sessions");
        assertEquals(3, sessions.size());
        assertEquals(ShortRun.SESSION, sessions.get(0).get("id").asText(), "newest first");
        assertFalse(sessions.get(0).get("pruning").asBoolean());
        assertEquals(ShortRun.IMAGE, sessions.get(1).get("id").asText(), "a session of effective fields only");
        assertEquals(ShortRun.PRUNED, sessions.get(2).get("id").asText());
        assertTrue(sessions.get(2).get("pruning").asBoolean());

        JsonNode d = json("/localization/data/" + ShortRun.SESSION);
        int records = ShortRun.STEPS / ShortRun.EVERY + 1;
        assertEquals(ShortRun.K, d.get("units").asInt());
        assertEquals(ShortRun.D, d.get("inputs").asInt());
        assertEquals(records, d.get("ipr").get("records").asInt());
        assertEquals(records, d.get("ipr").get("mean").size());
        assertEquals(ShortRun.K, d.get("iprHeatmap").get("ipr").size());
        assertEquals(ShortRun.STEPS, d.get("latest").get("iteration").asLong());
        assertEquals(ShortRun.K, d.get("weights").get("rows").size());
        assertEquals(ShortRun.D, d.get("weights").get("mostLocalized").get("weights").size());
        assertEquals(ShortRun.STEPS / ShortRun.EVERY, d.get("kurtosis").get("records").asInt());
        assertEquals(ShortRun.D, d.get("kurtosis").get("latestInput").size());
        assertTrue(d.get("pruning").isNull());
        JsonNode e = d.get("effective");
        assertEquals(records, e.get("records").asInt());
        assertEquals(ShortRun.K, e.get("units").size());
        assertEquals(ShortRun.K, e.get("latestFields").size());
        assertEquals(ShortRun.D, e.get("latestFields").get(0).size());
        assertEquals(records, e.get("history").size());
        JsonNode image = json("/localization/data/" + ShortRun.IMAGE).get("effective");
        assertEquals("[" + ShortRun.SIDE + "," + ShortRun.SIDE + "]", image.get("inputShape").toString());
        assertEquals(ShortRun.SIDE * ShortRun.SIDE, image.get("latestFields").get(0).size());

        assertEquals(ShortRun.ROUNDS, json("/localization/data/" + ShortRun.PRUNED).get("pruning").get("round").size());
        assertEquals(404, Http.get(base + "/localization/data/nosuchsession").statusCode());
    }

    @Test
    void dl4jTrainPagesShowTheTrainingOfTheSameStorage() throws Exception {
        HttpResponse<String> overview = Http.get(base + "/train/overview");
        assertEquals(200, overview.statusCode());
        JsonNode data = json("/train/overview/data");
        // DL4J's StatsListener(frequency 5) reports at iterations 5, 10, ..., 25 of 0..29
        assertEquals(ShortRun.STEPS / ShortRun.EVERY - 1, data.get("scores").size(), data.toString());
    }

    /** A storage attached before training: both pages see the records as they are posted. */
    @Test
    void recordsPostedWhileServingShowUpLive() throws Exception {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        try (LocalizationDashboard live = LocalizationDashboard.start(storage, 0)) {
            String root = "http://127.0.0.1:" + live.port();
            assertEquals("[]", Http.get(root + "/localization/sessions").body());
            assertFalse(JSON.readTree(Http.get(root + "/train/sessions/info").body()).has("live"));
            ShortRun.train(storage, "live", 10);
            assertEquals("live", JSON.readTree(Http.get(root + "/localization/sessions").body()).get(0).get("id").asText());
            assertEquals(3, JSON.readTree(Http.get(root + "/localization/data/live").body()).get("ipr").get("records")
                    .asInt());
            // DL4J's train module learns of the session from the storage events the dashboard routes to it
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!JSON.readTree(Http.get(root + "/train/sessions/info").body()).has("live")) {
                assertTrue(System.nanoTime() < deadline, "the train pages never saw the live session");
                Thread.sleep(50);
            }
        }
    }

    /** The pages load only what the slimmed UI dependencies still serve. */
    @Test
    void everyAssetThePagesLoadIsServed() throws Exception {
        Pattern asset = Pattern.compile("(?:src|href)=\"(/assets/[^\"]+)\"");
        for (String page : List.of("/localization", "/train/overview", "/train/model", "/train/system")) {
            HttpResponse<String> r = Http.get(base + page);
            assertEquals(200, r.statusCode(), page);
            Matcher m = asset.matcher(r.body());
            int count = 0;
            while (m.find()) {
                HttpResponse<String> a = Http.get(base + m.group(1));
                assertEquals(200, a.statusCode(), page + " loads " + m.group(1));
                assertFalse(a.body().isEmpty(), m.group(1));
                count++;
            }
            assertTrue(count >= 2, page + " loads " + count + " assets");
        }
        HttpResponse<String> flot = Http.get(base + "/assets/webjars/flot/0.8.3/jquery.flot.js");
        assertTrue(flot.headers().firstValue("Content-Type").orElse("").contains("javascript"));
    }

    @Test
    void assetPathsCannotLeaveTheirRoots() throws Exception {
        assertEquals("META-INF/resources/webjars/flot/0.8.3/jquery.flot.js",
                UiAssets.resourceOf("webjars/flot/0.8.3/jquery.flot.js"));
        assertEquals("deeplearning4jUiAssets/js/train/train.js", UiAssets.resourceOf("js/train/train.js"));
        for (String refused : List.of("webjars/../../../io/github/dl4jlocalization/dashboard/UiAssets.class",
                "../META-INF/MANIFEST.MF", "js//train.js", "js\\train.js", "", "webjars/")) {
            assertEquals(null, UiAssets.resourceOf(refused), refused);
        }
        for (String path : List.of("/assets/../io/github/dl4jlocalization/dashboard/UiAssets.class",
                "/assets/%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "/assets/webjars/%2e%2e/%2e%2e/%2e%2e/logback.xml",
                "/assets/nosuchfile.js")) {
            assertEquals(404, Http.status(ui.port(), "GET", path, "127.0.0.1:" + ui.port()), path);
        }
    }

    /** DNS rebinding: a page of another site that resolves its name to 127.0.0.1 gets nothing. */
    @Test
    void requestsNamingAnotherHostOrNotGettingAreRefused() throws IOException {
        int port = ui.port();
        assertEquals(200, Http.status(port, "GET", "/localization", "127.0.0.1:" + port));
        assertEquals(200, Http.status(port, "GET", "/localization", "localhost:" + port));
        assertEquals(403, Http.status(port, "GET", "/localization", "attacker.example:" + port));
        assertEquals(403, Http.status(port, "GET", "/localization/sessions", "127.0.0.1.attacker.example"));
        assertEquals(403, Http.status(port, "POST", "/remoteReceive", "127.0.0.1:" + port));
        assertEquals(403, Http.status(port, "PUT", "/localization", "127.0.0.1:" + port));
        assertEquals(404, Http.status(port, "GET", "/remoteReceive", "127.0.0.1:" + port), "no remote receiver");
        assertEquals(404, Http.status(port, "GET", "/tsne/upload", "127.0.0.1:" + port), "no upload route");
    }

    /** Every non-loopback address of this machine, IPv4 and IPv6 (link-local excepted). */
    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        List<InetAddress> out = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        out.add(a);
                    }
                }
            }
        }
        return out;
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 5000);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws IOException {
        try (LocalizationDashboard idle = LocalizationDashboard.start(new InMemoryStatsStorage(), 0, 1);
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), idle.port())) {
            socket.setSoTimeout(20_000);
            long start = System.nanoTime();
            // a client that connects and sends nothing: the server closes the connection
            assertEquals(-1, socket.getInputStream().read());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 15, "closed after " + seconds + " s, idle timeout 1 s");
        }
    }

    @Test
    void connectionsThroughTheOtherAddressesOfThisMachineAreRefused() throws IOException {
        List<InetAddress> addresses = nonLoopbackAddresses();
        assumeFalse(addresses.isEmpty(), "this machine has no non-loopback address to connect through");
        try (ServerSocket everyInterface = new ServerSocket(0)) {
            for (InetAddress address : addresses) {
                connect(address, everyInterface.getLocalPort());   // control: such a connection can succeed
                assertThrows(ConnectException.class, () -> connect(address, ui.port()),
                        "the dashboard must not answer on " + address);
            }
        }
        connect(InetAddress.getLoopbackAddress(), ui.port());
    }

    @Test
    void dl4jUiServerStaysIdleWhileADashboardIsOpen() {
        UIServer server = UIServer.getInstance();
        assertSame(VertxUIServer.getInstance(), server);
        assertFalse(server.isStopped());
        // it was constructed, never deployed: no HTTP server behind it
        assertThrows(NullPointerException.class, server::getPort);
    }

    @Test
    void theModuleIsRegisteredForDl4jUiServers() {
        assertTrue(ServiceLoader.load(UIModule.class).stream().anyMatch(p -> p.type() == LocalizationModule.class));
    }

    @Test
    void aTakenPortIsReportedAndNothingLeaks() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> LocalizationDashboard.start(new InMemoryStatsStorage(), ui.port()));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:" + ui.port()), e.getMessage());
    }

    @Test
    void invalidArgumentsAreRejectedByName() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalizationDashboard.start(new InMemoryStatsStorage(), 65536));
        assertEquals("port must be an integer in [0, 65535], got 65536", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LocalizationDashboard.start(null, 0));
        assertEquals("storage must be given, got null", e.getMessage());
        Path missing = dir.resolve("missing.bin");
        e = assertThrows(IllegalArgumentException.class, () -> LocalizationDashboard.replay(missing, 0));
        assertEquals("statsFile must be an existing DL4J stats file, got " + missing, e.getMessage());
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a stats file");
        e = assertThrows(IllegalArgumentException.class, () -> LocalizationDashboard.replay(text, 0));
        assertTrue(e.getMessage().startsWith("statsFile must be a DL4J stats file (FileStatsStorage), got " + text),
                e.getMessage());
    }

    /** A run's stats file, served by a new JVM, gives the page the data the training JVM saw. */
    @Test
    void aStatsFileIsReplayedInANewJvm() throws Exception {
        Path file = dir.resolve("stats.bin");
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        ShortRun.train(storage, "replayed", 10);
        String expected = JSON.writeValueAsString(new SessionSummary(storage, "replayed").refresh());
        storage.close();

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                ReplayProcess.class.getName(), file.toString())
                .redirectError(dir.resolve("replay.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("URL http://127.0.0.1:"),
                    line + "\n" + Files.readString(dir.resolve("replay.log")));
            String url = line.substring(4);
            HttpResponse<String> data = Http.get(url + "/data/replayed");
            assertEquals(200, data.statusCode());
            assertEquals(expected, data.body());
            assertEquals(3, JSON.readTree(data.body()).get("ipr").get("records").asInt());   // steps 0, 5, 10
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        assertEquals(0, child.exitValue(), Files.readString(dir.resolve("replay.log")));
    }
}
