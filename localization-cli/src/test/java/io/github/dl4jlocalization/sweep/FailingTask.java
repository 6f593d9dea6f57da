package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.RunConfig;

import java.nio.file.Path;
import java.util.Map;

/** A task that always fails, as a unit hitting a bug would; serialisable, so it runs on any engine. */
enum FailingTask implements UnitTask {
    INSTANCE;

    @Override
    public String kind() {
        return "failing";
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }

    @Override
    public Outcome execute(RunConfig config, Path dir) {
        throw new IllegalStateException("boom in " + dir.getFileName());
    }

    /** {@code unit} with this task instead of its own (same id). */
    static WorkUnit failing(WorkUnit unit) {
        return new WorkUnit(unit.id(), unit.point(), unit.config(), INSTANCE);
    }
}
