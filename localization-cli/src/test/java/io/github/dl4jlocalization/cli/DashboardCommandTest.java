package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.StatsFile;
import io.github.dl4jlocalization.dashboard.LocalizationDashboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every run writes a stats file that {@code dashboard DIR} replays; {@code --ui} serves it live. */
class DashboardCommandTest extends ConsoleCapture {

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        // HTTP/1.1 as curl and browsers speak it: java.net.http's default asks for an h2c upgrade,
        // which once answered while every plain HTTP/1.1 request hung
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRunWritesStatsThatTheDashboardReplays(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--batch", "50", "--steps", "6", "--record-every", "2",
                "--out", run.toString()), stderr());
        assertTrue(Files.size(run.resolve(StatsFile.FILE)) > 0);
        try (LocalizationDashboard dashboard = DashboardCommand.open(run, 0)) {
            assertTrue(dashboard.url().startsWith("http://127.0.0.1:"), dashboard.url());
            assertEquals(200, get(dashboard.url()).statusCode());
            String sessions = get(dashboard.url() + "/sessions").body();
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"").matcher(sessions);
            assertTrue(id.find(), sessions);
            String data = get(dashboard.url() + "/data/" + id.group(1)).body();
            // receptive-field records at steps 2, 4, 6 and kurtosis records: the pre-activations' and,
            // without --ui too, the input marginals' of every pixel
            assertTrue(data.contains("\"iteration\":[2,4,6]"), data);
            assertTrue(data.contains("\"meanPreActivation\":["), data);
            java.util.regex.Matcher input = java.util.regex.Pattern.compile("\"latestInput\":\\[([^\\]]*)\\]")
                    .matcher(data);
            assertTrue(input.find(), data);
            assertEquals(40, input.group(1).split(",").length, input.group(1));
        }
    }

    @Test
    void noStatsWritesNoStatsFile(@TempDir Path dir) {
        Path run = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--batch", "50", "--steps", "2", "--no-stats",
                "--out", run.toString()), stderr());
        assertFalse(Files.exists(run.resolve(StatsFile.FILE)));
        assertEquals(2, LocalizationCli.execute("dashboard", run.toString(), "--port", "0"));
        assertTrue(stderr().contains("run directory must be a run directory with a stats.bin file"), stderr());
    }

    @Test
    void uiServesTheDashboardDuringTheRun(@TempDir Path dir) {
        Path run = dir.resolve("run");
        assertEquals(0, LocalizationCli.execute("run", "--ui", "--ui-port", "0", "--batch", "50", "--steps", "4",
                "--out", run.toString()), stderr());
        assertTrue(stdout().contains("Localization dashboard: http://127.0.0.1:"), stdout());
        assertTrue(Files.exists(run.resolve(StatsFile.FILE)));
    }
}
