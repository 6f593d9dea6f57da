package io.github.dl4jlocalization.dashboard;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Replays a stats file in a JVM of its own (started by {@link LocalizationDashboardTest}): prints
 * {@code URL <page url>} and serves until its standard input is closed.
 */
public final class ReplayProcess {
    private ReplayProcess() {
    }

    public static void main(String[] args) throws IOException {
        try (LocalizationDashboard ui = LocalizationDashboard.replay(Path.of(args[0]), 0)) {
            System.out.println("URL " + ui.url());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our input
            }
        }
    }
}
