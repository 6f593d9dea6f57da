package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.experiment.AtomicFiles;
import io.github.dl4jlocalization.sweep.Sweep;
import io.github.dl4jlocalization.sweep.SweepEngine;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.UnitResult;
import io.github.dl4jlocalization.sweep.WorkUnit;
import io.github.dl4jlocalization.util.Require;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a sweep engine costs per unit: the same grid of small trainings (one seed each) runs as a
 * {@link Sweep} (result files and table included) into a fresh temporary directory on each engine
 * in turn, after one untimed unit (JIT compilation, ND4J start-up). Per engine: the wall time, the
 * mean time a unit took inside its worker ({@link UnitResult#seconds()}), the throughput, and the
 * per-unit overhead {@code wall x slots / units - mean unit time}: the worker time each unit
 * costs beyond its own execution (the engine's start, e.g. a Spark context; scheduling; shipping
 * the unit and its result; writing the result), with the fixed costs spread over the units.
 */
public final class SweepBenchmark {

    /**
     * An engine to measure.
     *
     * @param name   label in the table, e.g. the flags that select it
     * @param engine the engine
     * @param slots  units it runs at once (workers, task slots)
     */
    public record Engine(String name, SweepEngine engine, int slots) {
        /** Validates. */
        public Engine {
            Require.nonNull("engine name", name);
            Require.nonNull("engine", engine);
            Require.atLeast("slots", slots, 1);
        }
    }

    /**
     * One engine's measurement.
     *
     * @param engine          what was measured
     * @param units           units executed
     * @param wallSeconds     wall-clock seconds of the whole sweep
     * @param meanUnitSeconds mean seconds of a unit inside its worker
     */
    public record Result(Engine engine, int units, double wallSeconds, double meanUnitSeconds) {
        /** Units completed per minute of wall time. */
        public double unitsPerMinute() {
            return units * 60 / wallSeconds;
        }

        /** Worker seconds per unit beyond the unit's own execution. */
        public double overheadSeconds() {
            return wallSeconds * engine.slots() / units - meanUnitSeconds;
        }
    }

    private final SweepGrid grid;

    /**
     * @param units  units (seeds 0 .. units-1), >= 1
     * @param length input length L of the NLGP data (defaults otherwise)
     * @param batch  batch size
     * @param steps  SGD steps of each unit (one record, at the end; no checkpoints)
     */
    public SweepBenchmark(int units, int length, int batch, int steps) {
        Require.atLeast("units", units, 1);
        Require.atLeast("steps", steps, 1);
        this.grid = SweepGrid.fromMap(Map.of(
                "base", Map.of("data", Map.of("length", length), "batch", batch, "steps", steps, "recordEvery", steps,
                        "checkpointEvery", 0, "evalSize", batch),
                "seeds", units));
    }

    /** The units each engine executes. */
    public List<WorkUnit> units() {
        return grid.units();
    }

    /**
     * Measures each engine in turn.
     *
     * @throws IllegalStateException when a unit fails (the measurement would be meaningless)
     */
    public List<Result> run(List<Engine> engines) {
        Require.nonNull("engines", engines);
        Path dir = tempDir();
        try {
            units().get(0).execute(dir.resolve("warm-up"));
            List<Result> results = new ArrayList<>();
            for (Engine engine : engines) {
                results.add(measure(engine, dir.resolve("sweep-" + results.size())));
            }
            return results;
        } finally {
            AtomicFiles.deleteTree(dir);
        }
    }

    private Result measure(Engine engine, Path out) {
        Sweep sweep = new Sweep(grid, out);
        long start = System.nanoTime();
        Sweep.Outcome outcome = sweep.run(engine.engine(), new Sweep.Listener() {
        });
        double wall = (System.nanoTime() - start) * 1e-9;
        double unitSeconds = 0;
        for (WorkUnit unit : units()) {
            UnitResult r = sweep.result(unit).orElseThrow();
            if (r.status() == UnitResult.Status.FAILED) {
                throw new IllegalStateException(engine.name() + ": unit " + unit.id() + " failed: " + r.error());
            }
            unitSeconds += r.seconds();
        }
        return new Result(engine, outcome.executed(), wall, unitSeconds / outcome.executed());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("bench-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    /** The results as a table, then each engine's throughput relative to the first's. */
    public static String format(List<Result> results) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %6s %6s %9s %10s %11s%n", "engine",
                "slots", "wall s", "units/min", "unit s", "overhead s"));
        for (Result r : results) {
            s.append(String.format(Locale.ROOT, "%-28s %6d %6.1f %9.1f %10.3f %11.3f%n", r.engine().name(),
                    r.engine().slots(), r.wallSeconds(), r.unitsPerMinute(), r.meanUnitSeconds(),
                    r.overheadSeconds()));
        }
        for (Result r : results.subList(1, results.size())) {
            s.append(String.format(Locale.ROOT, "throughput %s / %s: %.2f%n", r.engine().name(),
                    results.get(0).engine().name(), r.unitsPerMinute() / results.get(0).unitsPerMinute()));
        }
        return s.toString();
    }
}
