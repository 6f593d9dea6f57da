package io.github.dl4jlocalization.sweep;

import java.util.Map;

/**
 * {@code --engine spark}: a {@link SparkSweepEngine} on the given master, else on the master that
 * {@code spark-submit} set ({@value #SPARK_MASTER_PROPERTY}), else on the embedded
 * {@code local[workers]}. Registered in {@code META-INF/services} for {@link SweepEngines}.
 */
public final class SparkSweepEngineProvider implements SweepEngineProvider {
    /** The property spark-submit sets to its {@code --master}. */
    static final String SPARK_MASTER_PROPERTY = "spark.master";

    @Override
    public String name() {
        return SweepEngines.SPARK;
    }

    @Override
    public SweepEngine create(int workers, String master) {
        String url = master != null ? master : System.getProperty(SPARK_MASTER_PROPERTY);
        return url == null ? SparkSweepEngine.local(workers) : new SparkSweepEngine(url, Map.of());
    }
}
