package io.github.dl4jlocalization.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Executes work units somewhere: threads of this JVM ({@link LocalSweepEngine}) or the executors
 * of a Spark cluster ({@code SparkSweepEngine} of the {@code localization-spark} module: one job, one task per unit). The units are shipped
 * unchanged; {@link WorkUnit#execute} never throws, so one failing unit cannot abort the others.
 */
public interface SweepEngine {

    /**
     * Executes every unit into {@code unitsDir/<id>} and hands each result to {@code sink} as it
     * completes. Returns when all are done.
     *
     * @param sink thread-safe: it may be called from several threads at once
     */
    void execute(List<WorkUnit> units, Path unitsDir, Consumer<UnitResult> sink);
}
