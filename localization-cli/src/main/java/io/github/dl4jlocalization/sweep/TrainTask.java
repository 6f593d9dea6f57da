package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.Experiment;
import io.github.dl4jlocalization.experiment.RunConfig;

import java.nio.file.Path;
import java.util.Map;

/**
 * Trains the configuration ({@link Experiment}, without a prefetch thread: a sweep's parallelism
 * is its workers) into the unit's directory. The default task of a grid; it has no settings.
 */
public enum TrainTask implements UnitTask {
    /** The only instance. */
    INSTANCE;

    /** The kind's name. */
    public static final String KIND = "train";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        return new Outcome(Experiment.create(config, dir).prefetch(false).run(), Map.of());
    }
}
