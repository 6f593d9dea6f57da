package io.github.dl4jlocalization.sweep;

/**
 * A {@link SweepEngine} that lives in a module of its own, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.github.dl4jlocalization.sweep.SweepEngineProvider} entry), so that
 * its dependencies are on the class path only where it is used: the Spark engine
 * ({@code localization-spark}) brings Apache Spark, which the other commands never load.
 */
public interface SweepEngineProvider {

    /** The engine's name, the value of {@code --engine} that selects it (e.g. {@code spark}). */
    String name();

    /**
     * The engine for {@code workers} parallel units on {@code master} (engine-specific; null for
     * the engine's default).
     *
     * @throws IllegalArgumentException naming the parameter at fault
     */
    SweepEngine create(int workers, String master);
}
