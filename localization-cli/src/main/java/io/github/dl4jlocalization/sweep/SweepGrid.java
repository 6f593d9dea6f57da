package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.data.DataModelConfig;
import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.util.MemoryBudget;
import io.github.dl4jlocalization.util.Require;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A grid of run configurations times seeds, read from a JSON or YAML file:
 * <pre>
 * base:  {data: {model: nlgp, length: 40}, steps: 10000}     # a RunConfig map (defaults for missing keys)
 * axes:  {data.gain: [0.1, 1, 3], lr: [0.05, 0.1]}           # RunConfig keys; data.KEY addresses a data key
 * seeds: 3                                                    # 0, 1, 2; or a list [0, 5, 7]; default: the base's seed
 * task:  {kind: theory, variant: fig3}                        # optional: what each unit does (default: train)
 * out:   runs/gain-sweep                                      # optional output directory
 * </pre>
 * The units are the cartesian product of the axes (the first axis varies slowest), each with
 * every seed (varying fastest). Every point is resolved and validated when the grid is read, so
 * an invalid value fails before any training, naming the point and the key; unknown keys at any
 * level are rejected naming the key. Every unit of a grid has the same {@link UnitTask}
 * ({@link UnitTasks#fromMap}). Immutable.
 */
public final class SweepGrid {
    /** The top-level keys of a grid file. */
    public static final List<String> KEYS = List.of("base", "axes", "seeds", "task", "out");
    /** The axis key holding the seeds in {@link WorkUnit#point()} and the results table. */
    public static final String SEED = "seed";

    private static final String DATA_PREFIX = "data.";

    private final List<String> axes;
    /**
     * A lower bound of the heap a work unit keeps while its sweep runs: its {@link WorkUnit}
     * object, its id string and the references to its point, configuration and task are more than
     * 64 bytes (about 0.7-2.7 kB were measured for units of L = 40, which share one data model). A
     * grid whose units cannot fit even at this bound is refused before any is built.
     */
    static final int MIN_UNIT_BYTES = 64;

    private final List<WorkUnit> units;
    private final String out;

    private SweepGrid(List<String> axes, List<WorkUnit> units, String out) {
        this.axes = List.copyOf(axes);
        this.units = List.copyOf(units);
        this.out = out;
    }

    /**
     * Reads a grid file (YAML when named {@code .yaml}/{@code .yml}, else JSON).
     *
     * @throws IllegalArgumentException naming the file, or the key and value at fault
     */
    public static SweepGrid read(Path file) {
        Map<String, Object> map = JsonFiles.readConfig(file);
        try {
            return fromMap(map);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("grid file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds the grid from a parsed map; see the class comment.
     *
     * @throws IllegalArgumentException naming the key and value at fault
     */
    public static SweepGrid fromMap(Map<String, ?> map) {
        Require.nonNull("grid", map);
        for (String key : map.keySet()) {
            Require.that(KEYS.contains(key), "grid key", "'" + key + "'", "one of " + String.join(", ", KEYS));
        }
        Map<String, Object> base = map.containsKey("base") ? ConfigValues.section("base", map.get("base"))
                : Map.of();
        RunConfig baseConfig = RunConfig.fromMap(base);
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        if (map.containsKey("axes")) {
            ConfigValues.section("axes", map.get("axes")).forEach((key, values) -> {
                requireAxisKey(key);
                Require.that(values instanceof List<?> l && !l.isEmpty(), "axes." + key, values,
                        "a non-empty list of values");
                axes.put(key, new ArrayList<>((List<?>) values));
            });
        }
        long count = seedCount(map.get("seeds"));
        for (List<Object> values : axes.values()) {
            count = count > Long.MAX_VALUE / values.size() ? Long.MAX_VALUE : count * values.size();
        }
        MemoryBudget.requireHeap("the grid's unit count (axis values x seeds)", count,
                (double) count * MIN_UNIT_BYTES, "its work units (at least " + MIN_UNIT_BYTES + " bytes each)");
        List<Long> seeds = seeds(map.get("seeds"), baseConfig.seed());
        String out = map.containsKey("out") ? ConfigValues.string("out", map.get("out")) : null;
        UnitTask task = map.containsKey("task") ? UnitTasks.fromMap(ConfigValues.section("task", map.get("task")))
                : TrainTask.INSTANCE;
        List<WorkUnit> units = new ArrayList<>();
        List<String> keys = new ArrayList<>(axes.keySet());
        addPoints(baseConfig.toMap(), axes, keys, 0, new LinkedHashMap<>(), seeds, task, units);
        List<String> columns = new ArrayList<>(keys);
        columns.add(SEED);
        return new SweepGrid(columns, units, out);
    }

    private static void requireAxisKey(String key) {
        boolean valid = key.startsWith(DATA_PREFIX) ? DataModelConfig.KEYS.contains(key.substring(DATA_PREFIX.length()))
                : RunConfig.KEYS.contains(key) && !key.equals("data") && !key.equals(SEED);
        Require.that(valid, "axis key", "'" + key + "'", "a run parameter (" + String.join(", ", RunConfig.KEYS)
                + ", except data and seed: use seeds) or data.KEY with KEY one of "
                + String.join(", ", DataModelConfig.KEYS));
    }

    /** The number of seeds {@code value} asks for (1 without it), read without listing them. */
    private static long seedCount(Object value) {
        if (value == null) {
            return 1;
        }
        return value instanceof List<?> list ? list.size()
                : Require.atLeast("seeds", ConfigValues.whole("seeds", value), 1);
    }

    private static List<Long> seeds(Object value, long baseSeed) {
        if (value == null) {
            return List.of(baseSeed);
        }
        List<Long> seeds = new ArrayList<>();
        if (value instanceof List<?> list) {
            Require.that(!list.isEmpty(), "seeds", value, "a count >= 1 or a non-empty list of seeds");
            for (Object s : list) {
                seeds.add(ConfigValues.whole("seeds", s));
            }
            Require.that(seeds.stream().distinct().count() == seeds.size(), "seeds", value, "distinct seeds");
        } else {
            long count = Require.atLeast("seeds", ConfigValues.whole("seeds", value), 1);
            for (long s = 0; s < count; s++) {
                seeds.add(s);
            }
        }
        return seeds;
    }

    private static void addPoints(Map<String, Object> base, Map<String, List<Object>> axes, List<String> keys,
                                  int axis, Map<String, Object> point, List<Long> seeds, UnitTask task,
                                  List<WorkUnit> units) {
        if (axis < keys.size()) {
            String key = keys.get(axis);
            for (Object value : axes.get(key)) {
                point.put(key, value);
                addPoints(base, axes, keys, axis + 1, point, seeds, task, units);
            }
            point.remove(key);
            return;
        }
        for (long seed : seeds) {
            Map<String, Object> resolved = new LinkedHashMap<>(base);
            Map<String, Object> data = new LinkedHashMap<>(ConfigValues.section("data", base.get("data")));
            point.forEach((key, value) -> {
                if (key.startsWith(DATA_PREFIX)) {
                    data.put(key.substring(DATA_PREFIX.length()), value);
                } else {
                    resolved.put(key, value);
                }
            });
            resolved.put("data", data);
            resolved.put(SEED, seed);
            Map<String, Object> full = new LinkedHashMap<>(point);
            full.put(SEED, seed);
            RunConfig config;
            try {
                config = RunConfig.fromMap(resolved);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("grid point " + full + ": " + e.getMessage(), e);
            }
            units.add(WorkUnit.of(full, config, task));
        }
    }

    /** The columns of a point: the axis keys in file order, then {@value #SEED}. */
    public List<String> axes() {
        return axes;
    }

    /** The work units, axes in file order (first slowest), seeds fastest. */
    public List<WorkUnit> units() {
        return units;
    }

    /** The output directory named in the file, if any. */
    public Optional<Path> out() {
        return Optional.ofNullable(out).map(Path::of);
    }

    @Override
    public String toString() {
        return "SweepGrid[" + units.size() + " units, axes " + Collections.unmodifiableList(axes) + "]";
    }
}
