package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import io.github.dl4jlocalization.experiment.WeightSnapshot;
import io.github.dl4jlocalization.sweep.SweepGrid;
import io.github.dl4jlocalization.sweep.UnitResult;
import io.github.dl4jlocalization.util.Require;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * How the figures build their grids and read their finished units: the grid map of a base
 * configuration with data overrides, axes and seeds ({@link SweepGrid#fromMap} form), and a
 * unit's recorded weights.
 */
public final class FigureUnits {

    private FigureUnits() {
    }

    /**
     * The grid {@code {base, axes, seeds}}: {@code base}'s parameters with the data parameters
     * {@code data} overriding its own, the axes (first slowest) and the seeds.
     *
     * @param data  data parameters to set, e.g. {@code {model: kur}}
     * @param axes  axis key ({@code data.KEY} or a run key) to its values, in order
     * @param seeds the seeds, non-empty
     */
    public static Map<String, Object> grid(RunConfig base, Map<String, ?> data, Map<String, ? extends List<?>> axes,
                                           List<Long> seeds) {
        Require.that(seeds != null && !seeds.isEmpty(), "seeds", seeds, "at least one seed");
        Map<String, Object> b = new LinkedHashMap<>(base.toMap());
        Map<String, Object> d = new LinkedHashMap<>(ConfigValues.section("data", b.get("data")));
        d.putAll(data);
        b.put("data", d);
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("base", b);
        grid.put("axes", new LinkedHashMap<>(axes));
        grid.put("seeds", List.copyOf(seeds));
        return grid;
    }

    /** The seeds {@code 0 .. count-1}. */
    public static List<Long> seeds(int count) {
        Require.atLeast("seeds", count, 1);
        return LongStream.range(0, count).boxed().toList();
    }

    /** Whether the unit's run diverged (its numbers are left out of the statistics, as NaN). */
    public static boolean diverged(FigureSweeps.Finished unit) {
        return unit.result().status() == UnitResult.Status.DIVERGED;
    }

    /** The unit's recorded weights ({@code weights.csv} of its run), in step order. */
    public static List<WeightSnapshot> snapshots(FigureSweeps.Finished unit) {
        return new RunDirectory(unit.dir()).readWeights();
    }

    /**
     * The record {@code fromEnd} places before the last one (0: the last record).
     *
     * @throws IllegalArgumentException when the run has no such record
     */
    public static WeightSnapshot record(List<WeightSnapshot> snapshots, int fromEnd) {
        Require.inRange("record from the end", fromEnd, 0, snapshots.size() - 1);
        return snapshots.get(snapshots.size() - 1 - fromEnd);
    }
}
