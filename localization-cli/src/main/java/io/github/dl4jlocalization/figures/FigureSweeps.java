package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.sweep.Sweep;
import io.github.dl4jlocalization.sweep.SweepEngine;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.UnitResult;
import io.github.dl4jlocalization.sweep.WorkUnit;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the sweeps behind a figure: each named grid is a resumable {@link Sweep} into
 * {@code out/}{@value #SWEEPS}{@code /<name>} on the given engine, so a killed figure command
 * re-run with the same flags executes only the units it had not finished, and the same units run
 * unchanged on any {@link SweepEngine}.
 */
public final class FigureSweeps {
    /** The sub-directory of a figure's sweeps. */
    public static final String SWEEPS = "sweeps";

    private final Path out;
    private final SweepEngine engine;
    private final Sweep.Listener progress;

    /**
     * @param out      the figure's output directory
     * @param engine   where the units run
     * @param progress follows every sweep
     */
    public FigureSweeps(Path out, SweepEngine engine, Sweep.Listener progress) {
        this.out = Require.nonNull("out", out);
        this.engine = Require.nonNull("engine", engine);
        this.progress = Require.nonNull("progress", progress);
    }

    /** A unit that ran to its end (completed or diverged), its result and its run directory. */
    public record Finished(WorkUnit unit, UnitResult result, Path dir) {
        /** The unit's axis values without the seed: the point its seeds share. */
        public Map<String, Object> point() {
            Map<String, Object> p = new LinkedHashMap<>(unit.point());
            p.remove(SweepGrid.SEED);
            return p;
        }

        /** The value of axis {@code key} of this unit. */
        public Object axis(String key) {
            return Require.nonNull(key, unit.point().get(key));
        }
    }

    /**
     * Runs the grid ({@link SweepGrid#fromMap} form) as the sweep {@code name}.
     *
     * @return the units that ran to their end (failed ones are left out: the sweep's
     * {@code results.csv} names them and their errors), in grid order
     * @throws IllegalStateException when every unit failed, with the first error
     */
    public List<Finished> run(String name, Map<String, ?> grid) {
        Require.that(name.matches("[A-Za-z0-9._-]+"), "sweep name", name, "a file name of [A-Za-z0-9._-]");
        SweepGrid g = SweepGrid.fromMap(grid);
        Path dir = out.resolve(SWEEPS).resolve(name);
        Sweep sweep = new Sweep(g, dir);
        sweep.run(engine, progress);
        List<Finished> finished = new ArrayList<>();
        String firstError = null;
        for (WorkUnit unit : g.units()) {
            UnitResult r = sweep.result(unit).orElseThrow(() -> new IllegalStateException(
                    "sweep " + name + " has no result for " + unit.id()));
            if (r.status() == UnitResult.Status.FAILED) {
                firstError = firstError == null ? unit.id() + ": " + r.error() : firstError;
            } else {
                finished.add(new Finished(unit, r, sweep.unitDir(unit)));
            }
        }
        if (finished.isEmpty()) {
            throw new IllegalStateException("every unit of sweep " + name + " failed; first: " + firstError);
        }
        return finished;
    }

    /**
     * The seeds {@code first, first + 1, ..., first + count - 1} (a figure's {@code --seeds N}
     * starting at its {@code --seed}).
     *
     * @throws IllegalArgumentException naming {@code seeds} when {@code count < 1} or the range overflows
     */
    public static List<Long> consecutiveSeeds(long first, int count) {
        Require.atLeast("seeds", count, 1);
        Require.that(first <= Long.MAX_VALUE - (count - 1), "seeds", count,
                "at most " + (Long.MAX_VALUE - first + 1) + " from seed " + first);
        List<Long> seeds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seeds.add(first + i);
        }
        return seeds;
    }

    /** Groups units by {@link Finished#point()}, in order of first appearance. */
    public static Map<Map<String, Object>, List<Finished>> byPoint(List<Finished> units) {
        Map<Map<String, Object>, List<Finished>> groups = new LinkedHashMap<>();
        for (Finished f : units) {
            groups.computeIfAbsent(f.point(), k -> new ArrayList<>()).add(f);
        }
        return groups;
    }

    @Override
    public String toString() {
        return "FigureSweeps[" + out + " on " + engine + "]";
    }
}
