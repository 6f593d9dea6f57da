package io.github.dl4jlocalization.cli;

import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.RunSummary;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A run's progress on stderr: step/total, loss, mean IPR, elapsed time and ETA. On a terminal
 * one line is redrawn in place ({@code \r}) at most {@value #UPDATES_PER_SECOND} times a second;
 * otherwise (a pipe, a log file) a plain line is printed at every 10 % of the run.
 */
final class ProgressBar implements Experiment.Observer {
    static final int UPDATES_PER_SECOND = 5;
    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean terminal;
    private long startNanos;
    private long firstStep;
    private long lastDrawNanos;
    private long nextDecile;
    private int drawnLength;

    /**
     * @param out      where to draw (stderr)
     * @param terminal whether {@code out} is a terminal (redraw in place)
     */
    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on stderr, redrawn in place when the process has a console. */
    static ProgressBar onStderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    @Override
    public void started(RunConfig config, long first) {
        startNanos = System.nanoTime();
        firstStep = first;
        nextDecile = 1;
    }

    @Override
    public void stepDone(long step, long steps, double loss, double meanIpr) {
        long now = System.nanoTime();
        if (terminal) {
            if (step == steps || now - lastDrawNanos >= 1_000_000_000L / UPDATES_PER_SECOND) {
                lastDrawNanos = now;
                String line = line(step, steps, loss, meanIpr, now, true);
                // pad over the rest of a longer previous line
                out.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
                out.flush();
                drawnLength = line.length();
            }
        } else if (step * 10 >= nextDecile * steps) {
            while (step * 10 >= nextDecile * steps) {
                nextDecile++;
            }
            out.println(line(step, steps, loss, meanIpr, now, false));
        }
    }

    @Override
    public void finished(RunSummary summary, RunDirectory directory) {
        if (drawnLength > 0) {
            out.println();
        }
    }

    private String line(long step, long steps, double loss, double meanIpr, long now, boolean bar) {
        double elapsed = (now - startNanos) * 1e-9;
        long done = step - firstStep + 1;
        double eta = done > 0 ? elapsed / done * (steps - step) : Double.NaN;
        StringBuilder s = new StringBuilder();
        if (bar) {
            int filled = (int) (WIDTH * step / Math.max(1, steps));
            s.append('[').append("=".repeat(filled)).append(" ".repeat(WIDTH - filled)).append("] ");
        }
        s.append(String.format(Locale.ROOT, "step %d/%d (%3d%%)  loss %.4g  mean IPR %.4f  elapsed %s  ETA %s",
                step, steps, 100 * step / Math.max(1, steps), loss, meanIpr, duration(elapsed), duration(eta)));
        return s.toString();
    }

    /** {@code m:ss} or {@code h:mm:ss}; {@code -} when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "-";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
