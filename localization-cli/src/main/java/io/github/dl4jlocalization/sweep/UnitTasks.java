package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.ParameterSet;
import io.github.dl4jlocalization.config.ParameterValues;
import io.github.dl4jlocalization.util.Require;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads the {@code task} entry of a grid file into a {@link UnitTask}. */
public final class UnitTasks {
    /** The kinds a grid file may name. */
    public static final List<String> KINDS = List.of(TrainTask.KIND, TheoryTask.KIND, PruneTask.KIND,
            ConvolutionalTask.KIND, DeepFieldsTask.KIND);

    private UnitTasks() {
    }

    /**
     * The task of a grid file's map {@code {kind: KIND, settings...}}; a missing kind is
     * {@value TrainTask#KIND}.
     *
     * @throws IllegalArgumentException naming an unknown kind, an unknown setting or an invalid value
     */
    public static UnitTask fromMap(Map<String, ?> map) {
        Require.nonNull("task", map);
        String kind = map.containsKey("kind") ? ConfigValues.string("task.kind", map.get("kind")) : TrainTask.KIND;
        return switch (kind) {
            case TrainTask.KIND -> {
                requireKnown(kind, map, Set.of());
                yield TrainTask.INSTANCE;
            }
            case TheoryTask.KIND -> TheoryTask.fromSettings(map);
            case PruneTask.KIND -> PruneTask.fromSettings(map);
            case ConvolutionalTask.KIND -> ConvolutionalTask.fromSettings(map);
            case DeepFieldsTask.KIND -> DeepFieldsTask.fromSettings(map);
            default -> throw new IllegalArgumentException("task.kind must be one of " + String.join(", ", KINDS)
                    + ", got '" + kind + "'");
        };
    }

    /**
     * Reads the settings of a task map (other than {@code kind}): missing ones take their
     * defaults.
     *
     * @throws IllegalArgumentException naming an unknown setting or an invalid value
     */
    static ParameterValues read(String kind, Map<String, ?> map, ParameterSet settings) {
        requireKnown(kind, map, Set.copyOf(settings.names()));
        ParameterValues.Builder values = settings.builder();
        map.forEach((key, value) -> {
            if (!key.equals("kind")) {
                values.set(key, value);
            }
        });
        return values.build();
    }

    /** Rejects a setting of a task map (other than {@code kind}) not in {@code known}. */
    static void requireKnown(String kind, Map<String, ?> map, Set<String> known) {
        for (String key : map.keySet()) {
            Require.that(key.equals("kind") || known.contains(key), "task setting", "'" + key + "'",
                    known.isEmpty() ? "none for kind " + kind
                            : "one of " + String.join(", ", new TreeSet<>(known)) + " for kind " + kind);
        }
    }
}
