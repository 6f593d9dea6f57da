package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.util.Require;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a run directory and how they are read back:
 * <ul>
 *   <li>{@value #CONFIG}: {@link RunConfig#toMap()} plus provenance (version, backend);</li>
 *   <li>{@value #METRICS}: one {@link MetricsRow} per record step, header first;</li>
 *   <li>{@value #WEIGHTS}: {@code step,unit,w0..w{D-1}}, K rows per record step;</li>
 *   <li>{@value #SUMMARY}: the {@link RunSummary};</li>
 *   <li>the plots {@value #RF_EVOLUTION_PLOT}, {@value #WEIGHTS_PLOT}, {@value #IPR_PLOT};</li>
 *   <li>{@value #CHECKPOINTS}/: the last checkpoint ({@link Checkpoints});</li>
 *   <li>{@value StatsFile#FILE}: the DL4J stats file, when the run writes one ({@link StatsFile}).</li>
 * </ul>
 * The CSV files grow row by row while a run trains (each record is flushed); a killed run may
 * leave rows after its last checkpoint, and a torn last line, which {@link #truncateAfter} drops
 * before the run resumes.
 */
public final class RunDirectory {
    /** The run configuration. */
    public static final String CONFIG = "config.json";
    /** Metrics per record step. */
    public static final String METRICS = "metrics.csv";
    /** Weight snapshots per record step. */
    public static final String WEIGHTS = "weights.csv";
    /** The final summary. */
    public static final String SUMMARY = "summary.json";
    /** Receptive-field evolution plot. */
    public static final String RF_EVOLUTION_PLOT = "rf-evolution.png";
    /** Final weight matrix plot. */
    public static final String WEIGHTS_PLOT = "weights-heatmap.png";
    /** IPR vs step plot. */
    public static final String IPR_PLOT = "ipr.png";
    /** Checkpoint folder. */
    public static final String CHECKPOINTS = "checkpoint";

    private static final List<String> FILES = List.of(CONFIG, METRICS, WEIGHTS, SUMMARY, RF_EVOLUTION_PLOT,
            WEIGHTS_PLOT, IPR_PLOT, StatsFile.FILE);

    private final Path dir;

    /** The run directory {@code dir} (not created). */
    public RunDirectory(Path dir) {
        this.dir = Require.nonNull("run directory", dir);
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    /** The path of a file of the run. */
    public Path path(String name) {
        return dir.resolve(name);
    }

    /** Whether the directory holds a run (its {@value #CONFIG}). */
    public boolean holdsRun() {
        return Files.exists(path(CONFIG));
    }

    /**
     * Deletes the files a run writes (and only those), so that a new run can start here.
     *
     * @throws UncheckedIOException when a file cannot be deleted
     */
    public void clear() {
        try {
            for (String name : FILES) {
                Files.deleteIfExists(path(name));
            }
            Checkpoints.clear(path(CHECKPOINTS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The header of {@value #WEIGHTS} for D inputs. */
    static String weightsHeader(int dimension) {
        StringBuilder s = new StringBuilder("step,unit");
        for (int i = 0; i < dimension; i++) {
            s.append(",w").append(i);
        }
        return s.toString();
    }

    /** One line of {@value #WEIGHTS} (no line end). */
    static String weightsRow(long step, int unit, double[] w) {
        StringBuilder s = new StringBuilder(24 * (w.length + 2));
        s.append(step).append(',').append(unit);
        for (double v : w) {
            s.append(',').append(v);
        }
        return s.toString();
    }

    /** Writes both CSV files with their headers only (a fresh run), atomically. */
    void startCsvFiles(int dimension) {
        AtomicFiles.write(path(METRICS), out -> out.write(MetricsRow.header() + "\n"));
        AtomicFiles.write(path(WEIGHTS), out -> out.write(weightsHeader(dimension) + "\n"));
    }

    /** Opens a CSV file of the run for appending. */
    BufferedWriter append(String name) {
        try {
            return Files.newBufferedWriter(path(name), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + path(name) + ": " + e.getMessage(), e);
        }
    }

    /** The rows of {@value #METRICS}, in file order. */
    public List<MetricsRow> readMetrics() {
        List<String> lines = lines(METRICS);
        List<MetricsRow> rows = new ArrayList<>(lines.size());
        for (String line : lines.subList(1, lines.size())) {
            rows.add(MetricsRow.parse(line));
        }
        return rows;
    }

    /** The snapshots of {@value #WEIGHTS}, one per record step, in file order. */
    public List<WeightSnapshot> readWeights() {
        return readWeights(WEIGHTS);
    }

    /**
     * The snapshots of the file {@code name} of this directory, written in the format of
     * {@value #WEIGHTS} (e.g. {@link TheoryComparison#THEORY_WEIGHTS}), one per record step, in
     * file order.
     */
    public List<WeightSnapshot> readWeights(String name) {
        List<String> lines = lines(name);
        int columns = lines.get(0).split(",", -1).length;
        List<WeightSnapshot> snapshots = new ArrayList<>();
        List<double[]> units = new ArrayList<>();
        long current = Long.MIN_VALUE;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Require.that(f.length == columns, name + " row", line, columns + " columns");
            long step = Long.parseLong(f[0]);
            if (step != current && !units.isEmpty()) {
                snapshots.add(new WeightSnapshot(current, units.toArray(new double[0][])));
                units.clear();
            }
            current = step;
            Require.that(Integer.parseInt(f[1]) == units.size(), name + " row", line,
                    "unit " + units.size() + " of step " + step);
            double[] w = new double[columns - 2];
            for (int i = 0; i < w.length; i++) {
                w[i] = Double.parseDouble(f[i + 2]);
            }
            units.add(w);
        }
        if (!units.isEmpty()) {
            snapshots.add(new WeightSnapshot(current, units.toArray(new double[0][])));
        }
        return snapshots;
    }

    /**
     * Keeps, in both CSV files, the header and the complete rows of steps {@code <= lastStep}
     * (none for {@code lastStep < 0}), dropping what a killed run wrote after its last checkpoint.
     * Each file is rewritten atomically.
     */
    void truncateAfter(long lastStep) {
        for (String name : List.of(METRICS, WEIGHTS)) {
            List<String> lines = lines(name);
            int columns = lines.get(0).split(",", -1).length;
            List<String> kept = new ArrayList<>(List.of(lines.get(0)));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                if (f.length == columns && stepOf(f[0]) <= lastStep) {
                    kept.add(line);
                }
            }
            if (kept.size() < lines.size()) {
                AtomicFiles.write(path(name), out -> {
                    for (String line : kept) {
                        out.write(line);
                        out.write('\n');
                    }
                });
            }
        }
    }

    private static long stepOf(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException torn) {
            return Long.MAX_VALUE;
        }
    }

    /** The lines of a CSV file of the run; the first is its header. */
    private List<String> lines(String name) {
        Path file = path(name);
        try (Stream<String> s = Files.lines(file, StandardCharsets.UTF_8)) {
            List<String> lines = s.toList();
            Require.that(!lines.isEmpty(), name, file, "a CSV file with a header line");
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
