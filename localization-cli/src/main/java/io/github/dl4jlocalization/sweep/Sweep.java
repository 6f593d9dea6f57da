package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A sweep of a {@link SweepGrid} into an output directory:
 * <ul>
 *   <li>{@value #UNITS}{@code /<id>/}: each unit's run directory (config, metrics, weights, plots);</li>
 *   <li>{@value #RESULTS}{@code /<id>.json}: each unit's {@link UnitResult}, written atomically
 *       when the unit ends. Its presence marks the unit complete: a re-run (after a kill, or to
 *       retry after deleting some) executes only the units without one;</li>
 *   <li>{@value #CSV}: one row per unit, in grid order, rewritten atomically at the end of every
 *       {@link #run} (also when every unit was already complete).</li>
 * </ul>
 * A result file that cannot be read (not expected, since it is written atomically) counts as
 * missing, and its unit runs again.
 */
public final class Sweep {
    /** The units' run directories. */
    public static final String UNITS = "units";
    /** The units' result files. */
    public static final String RESULTS = "results";
    /** The aggregated table. */
    public static final String CSV = "results.csv";

    /** Follows a sweep (e.g. a progress printer); calls are serialised. */
    public interface Listener {
        /**
         * Called before any unit runs.
         *
         * @param total   units of the grid
         * @param skipped units already complete
         */
        default void started(int total, int skipped) {
        }

        /**
         * Called as each unit ends.
         *
         * @param result  its result
         * @param done    units executed so far in this run
         * @param pending units to execute in this run
         * @param failed  units failed so far in this run
         */
        default void unitDone(UnitResult result, int done, int pending, int failed) {
        }
    }

    /**
     * What a {@link #run} did.
     *
     * @param total    units of the grid
     * @param skipped  units already complete
     * @param executed units executed
     * @param failed   executed units that failed
     * @param csv      the results table
     */
    public record Outcome(int total, int skipped, int executed, int failed, Path csv) {
    }

    private final SweepGrid grid;
    private final Path out;

    /** The sweep of {@code grid} into {@code out}. */
    public Sweep(SweepGrid grid, Path out) {
        this.grid = Require.nonNull("grid", grid);
        this.out = Require.nonNull("out", out);
    }

    /** The result file of a unit. */
    public Path resultFile(WorkUnit unit) {
        return out.resolve(RESULTS).resolve(unit.id() + ".json");
    }

    /** The run directory of a unit. */
    public Path unitDir(WorkUnit unit) {
        return out.resolve(UNITS).resolve(unit.id());
    }

    /** The stored result of a unit, empty when it has none (not complete) or it cannot be read. */
    public Optional<UnitResult> result(WorkUnit unit) {
        Path file = resultFile(unit);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(UnitResult.fromMap(JsonFiles.readJson(file, "unit result")));
        } catch (IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * Executes the units without a result on {@code engine}, writes each result as it arrives and
     * then the table.
     */
    public Outcome run(SweepEngine engine, Listener listener) {
        Require.nonNull("engine", engine);
        Require.nonNull("listener", listener);
        AtomicFiles.checkWritableParent(out.resolve(CSV));
        List<WorkUnit> pending = grid.units().stream().filter(u -> result(u).isEmpty()).toList();
        int skipped = grid.units().size() - pending.size();
        listener.started(grid.units().size(), skipped);
        int[] counts = new int[2];
        engine.execute(pending, out.resolve(UNITS), result -> {
            synchronized (counts) {
                JsonFiles.write(out.resolve(RESULTS).resolve(result.id() + ".json"), result.toMap());
                counts[0]++;
                counts[1] += result.status() == UnitResult.Status.FAILED ? 1 : 0;
                listener.unitDone(result, counts[0], pending.size(), counts[1]);
            }
        });
        writeTable();
        return new Outcome(grid.units().size(), skipped, counts[0], counts[1], out.resolve(CSV));
    }

    /**
     * Writes {@value #CSV}: {@code id}, the axis values, {@code status, finalLoss, accuracy,
     * meanIpr, maxIpr, inputExcessKurtosis, inputExcessKurtosisExact}, the tasks' measures (the
     * union of their names in order of appearance; empty where a unit has none), {@code seconds,
     * error}; one row per unit with a result, in grid order.
     */
    private void writeTable() {
        Map<WorkUnit, UnitResult> results = new LinkedHashMap<>();
        Set<String> measures = new LinkedHashSet<>();
        for (WorkUnit unit : grid.units()) {
            result(unit).ifPresent(r -> {
                results.put(unit, r);
                measures.addAll(r.measures().keySet());
            });
        }
        List<String> header = new ArrayList<>(List.of("id"));
        header.addAll(grid.axes());
        header.addAll(List.of("status", "finalLoss", "accuracy", "meanIpr", "maxIpr", "inputExcessKurtosis",
                "inputExcessKurtosisExact"));
        header.addAll(measures);
        header.addAll(List.of("seconds", "error"));
        List<List<String>> rows = new ArrayList<>();
        results.forEach((unit, r) -> {
            List<String> row = new ArrayList<>(List.of(unit.id()));
            for (String axis : grid.axes()) {
                row.add(String.valueOf(unit.point().get(axis)));
            }
            row.addAll(List.of(r.toMap().get("status").toString(), String.valueOf(r.finalLoss()),
                    String.valueOf(r.accuracy()), String.valueOf(r.meanIpr()), String.valueOf(r.maxIpr()),
                    String.valueOf(r.inputExcessKurtosis()), String.valueOf(r.inputExcessKurtosisExact())));
            for (String name : measures) {
                Double value = r.measures().get(name);
                row.add(value == null ? "" : String.valueOf(value));
            }
            row.addAll(List.of(String.valueOf(r.seconds()), r.error() == null ? "" : r.error()));
            rows.add(row);
        });
        AtomicFiles.write(out.resolve(CSV), w -> {
            w.write(csvLine(header));
            for (List<String> row : rows) {
                w.write(csvLine(row));
            }
        });
    }

    /** One CSV line; fields with a comma, quote or line break are quoted (RFC 4180). */
    public static String csvLine(List<String> fields) {
        StringBuilder s = new StringBuilder();
        for (String f : fields) {
            if (s.length() > 0) {
                s.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                s.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                s.append(f);
            }
        }
        return s.append('\n').toString();
    }

    @Override
    public String toString() {
        return "Sweep[" + grid + " -> " + out + "]";
    }
}
