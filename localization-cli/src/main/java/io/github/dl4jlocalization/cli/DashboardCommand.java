package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.dashboard.LocalizationDashboard;
import io.github.dl4jlocalization.experiment.StatsFile;
import io.github.dl4jlocalization.util.Require;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code localization dashboard DIR}: serves the DL4J training UI with the localization page for
 * a finished (or running elsewhere and closed) run, replayed from its stats file, on 127.0.0.1
 * only, until interrupted.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Replay a run's stats file (DIR/stats.bin) in the DL4J UI with the localization page.",
            "Served on 127.0.0.1 only (no remote receiver); stops on Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "A run directory written by run.")
    Path dir;

    @Option(names = "--port", defaultValue = "9000", paramLabel = "PORT",
            description = "Port on 127.0.0.1; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        LocalizationDashboard dashboard = open(dir, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dashboard.close();
            stopped.countDown();
        }));
        System.out.println("Localization dashboard of " + dir + ": " + dashboard.url() + "  (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }

    /** Replays the stats file of run directory {@code dir} on {@code port}. */
    static LocalizationDashboard open(Path dir, int port) {
        Path file = dir.resolve(StatsFile.FILE);
        Require.that(Files.isRegularFile(file), "run directory", dir,
                "a run directory with a " + StatsFile.FILE + " file (runs write one unless --no-stats)");
        Require.inRange("port", port, 0, 65535);
        return LocalizationDashboard.replay(file, port);
    }
}
