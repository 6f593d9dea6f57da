package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunSummary;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link WorkUnit} does with its {@link RunConfig}: train it ({@link TrainTask}), compare
 * it with the effective dynamics ({@link TheoryTask}), ... An implementation is immutable,
 * serialisable plain data (it travels to the workers with the unit) and its {@link #execute} is
 * a pure function of (task, config): the same unit gives the same result on any worker.
 *
 * <p>In a grid file a task is a map {@code {kind: KIND, setting: value, ...}}
 * ({@link UnitTasks#fromMap}); {@link #toMap()} writes it back.
 */
public interface UnitTask extends Serializable {

    /** The kind, as named in grid files ({@code kind:}). */
    String kind();

    /** The task's settings (not the kind), every default resolved, in a fixed order. */
    Map<String, Object> settings();

    /**
     * Executes {@code config} into the empty directory {@code dir}. May throw: {@link WorkUnit}
     * turns any failure into a failed result.
     */
    Outcome execute(RunConfig config, Path dir);

    /** {@code {kind: ..., settings...}}, as read by {@link UnitTasks#fromMap}. */
    default Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind());
        m.putAll(settings());
        return m;
    }

    /**
     * What an execution produced.
     *
     * @param summary  the training run's summary (the SGD run of a comparison)
     * @param measures further named numbers of this task (e.g. {@code peakMatch} 1 or 0), in a
     *                 fixed order; they become columns of the sweep's results table
     */
    record Outcome(RunSummary summary, Map<String, Double> measures) implements Serializable {
        /** Validates and copies. */
        public Outcome {
            Require.nonNull("summary", summary);
            measures = Collections.unmodifiableMap(new LinkedHashMap<>(Require.nonNull("measures", measures)));
        }
    }
}
