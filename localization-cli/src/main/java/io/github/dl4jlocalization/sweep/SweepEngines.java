package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.util.Require;

import java.util.ServiceLoader;

/**
 * The sweep engines by name: {@code local} (worker threads of this JVM, always present) and every
 * {@link SweepEngineProvider} on the class path ({@code spark} with the {@code localization-spark}
 * module, which the {@code ./localization} launcher adds for {@code --engine spark}).
 */
public final class SweepEngines {
    /** The engine that needs no other module. */
    public static final String LOCAL = "local";
    /** The engine of the {@code localization-spark} module. */
    public static final String SPARK = "spark";

    private SweepEngines() {
    }

    /**
     * The engine called {@code name}, for {@code workers} parallel units on {@code master}
     * (null: the engine's default; the local engine accepts none).
     *
     * @throws IllegalArgumentException naming {@code --engine}, {@code --workers} or {@code --master}
     */
    public static SweepEngine create(String name, int workers, String master) {
        Require.that(name.equals(LOCAL) || name.equals(SPARK), "--engine", "'" + name + "'", "local or spark");
        if (name.equals(LOCAL)) {
            Require.that(master == null, "--master", master, "used with --engine spark only");
            return new LocalSweepEngine(workers);
        }
        Require.atLeast("--workers", workers, 1);
        for (SweepEngineProvider provider : ServiceLoader.load(SweepEngineProvider.class)) {
            if (provider.name().equals(name)) {
                return provider.create(workers, master);
            }
        }
        throw new IllegalArgumentException("--engine " + name + " needs the localization-spark module on the class "
                + "path: run it through ./localization (which adds it for --engine spark), or add the artifact "
                + "io.github.dl4jlocalization:localization-spark");
    }
}
