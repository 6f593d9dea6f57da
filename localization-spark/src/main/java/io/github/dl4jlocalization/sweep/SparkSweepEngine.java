package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.util.Require;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.nd4j.linalg.factory.Nd4j;
import scala.collection.Iterator;
import scala.collection.immutable.Range;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs work units as one Apache Spark job on any master: embedded ({@code local[N]}: N task
 * threads in this JVM, no Spark installation), {@code local-cluster[..]}, or a cluster's
 * ({@code spark://HOST:PORT}, {@code yarn}, {@code k8s://..}) when the application was launched
 * by {@code spark-submit}.
 *
 * <p>The units travel unchanged (Java serialisation), one partition, hence one task, each; a task
 * limits ND4J's BLAS to one thread in its JVM and calls {@link WorkUnit#execute}, which never
 * throws, so a failing unit comes back as a failed result and never aborts the job. Each result is
 * handed to the sink on this (the driver's) thread as its task finishes, not when the job ends, so
 * a {@link Sweep} writes it at once: killing the driver loses only the units still running.
 *
 * <p>Where files go: a unit's run directory {@code unitsDir/<id>} is written by the executor that
 * runs it (on a real cluster {@code unitsDir} must be storage every executor and the driver share,
 * e.g. NFS, under the same path); results are sent to the driver, which writes them.
 *
 * <p>Configuration: {@code new SparkConf()} (which reads the {@code spark.*} system properties
 * that {@code spark-submit} sets), then the master, then {@link #DEFAULTS} where not already set,
 * then the given settings. A context is started for each {@link #execute} and stopped at its end.
 */
public final class SparkSweepEngine implements SweepEngine {
    /**
     * Settings applied unless the configuration has them: executors start ND4J single-threaded
     * (2-4x faster for these small networks), one core per task, Spark's own logging from WARN
     * up, no web UI (the driver prints progress; the UI would listen on every interface).
     */
    public static final Map<String, String> DEFAULTS = Collections.unmodifiableMap(new LinkedHashMap<>(Map.of(
            "spark.app.name", "localization sweep",
            "spark.executorEnv.OMP_NUM_THREADS", "1",
            "spark.task.cpus", "1",
            "spark.log.level", "WARN",
            "spark.ui.enabled", "false")));

    /** The master URLs Spark itself accepts (checked before a context starts). */
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[([1-9]\\d*|\\*)(,\\s*[1-9]\\d*)?])?"
                    + "|local-cluster\\[\\s*[1-9]\\d*\\s*,\\s*[1-9]\\d*\\s*,\\s*[1-9]\\d*\\s*]"
                    + "|spark://\\S+|yarn|k8s://\\S+");
    private static final long POLL_MILLIS = 200;

    private final String master;
    private final Map<String, String> settings;

    /**
     * @param master   the Spark master URL, e.g. {@code local[4]}, {@code spark://host:7077}
     * @param settings further Spark settings ({@code spark.*} keys), applied last
     * @throws IllegalArgumentException for a master Spark would not accept, or a key not {@code spark.*}
     */
    public SparkSweepEngine(String master, Map<String, String> settings) {
        Require.that(master != null && MASTER.matcher(master).matches(), "master", "'" + master + "'",
                "a Spark master URL (local, local[N], local[*], local[N,RETRIES], local-cluster[N,CORES,MB], "
                        + "spark://HOST:PORT, yarn, k8s://URL)");
        this.master = master;
        Map<String, String> copy = new LinkedHashMap<>(Require.nonNull("settings", settings));
        copy.forEach((key, value) -> Require.that(key.startsWith("spark.") && value != null, "Spark setting",
                key + "=" + value, "a spark.* key with a value"));
        this.settings = Collections.unmodifiableMap(copy);
    }

    /** The embedded engine: {@code local[workers]}, task threads of this JVM. */
    public static SparkSweepEngine local(int workers) {
        return new SparkSweepEngine("local[" + Require.atLeast("workers", workers, 1) + "]", Map.of());
    }

    /** The master URL. */
    public String master() {
        return master;
    }

    /** The further settings given. */
    public Map<String, String> settings() {
        return settings;
    }

    /** The configuration a context of this engine starts with. */
    public SparkConf conf() {
        SparkConf conf = new SparkConf().setMaster(master);
        DEFAULTS.forEach(conf::setIfMissing);
        settings.forEach(conf::set);
        return conf;
    }

    /**
     * Executes the units as one job on a context started for it and stopped at the end.
     *
     * @throws IllegalStateException when the job fails for a reason outside the units (e.g. an
     *                               executor lost more often than Spark retries); the results
     *                               handed to the sink before stay valid
     */
    @Override
    public void execute(List<WorkUnit> units, Path unitsDir, Consumer<UnitResult> sink) {
        Require.nonNull("units", units);
        Require.nonNull("unitsDir", unitsDir);
        Require.nonNull("sink", sink);
        if (units.isEmpty()) {
            return;
        }
        // executors resolve the directory themselves: a relative path would land in their working directories
        String dir = unitsDir.toAbsolutePath().normalize().toString();
        SparkContext sc = start();
        try {
            RDD<WorkUnit> rdd = JavaSparkContext.fromSparkContext(sc).parallelize(units, units.size()).rdd();
            BlockingQueue<UnitResult> arrived = new LinkedBlockingQueue<>();
            // the result handler runs on Spark's scheduler thread as each task succeeds: hand over, nothing more
            SimpleFutureAction<Object> job = sc.submitJob(rdd, new ExecuteUnit(dir),
                    new Range.Exclusive(0, units.size(), 1), (partition, result) -> {
                        arrived.add(result);
                        return BoxedUnit.UNIT;
                    }, () -> null);
            try {
                receive(job, arrived, units.size(), sink);
            } catch (RuntimeException e) {
                job.cancel();
                throw e;
            }
        } finally {
            sc.stop();
        }
    }

    private SparkContext start() {
        try {
            return new SparkContext(conf());
        } catch (Exception e) { // Scala code throws SparkException without declaring it
            throw new IllegalStateException("cannot start Spark on master " + master + ": " + e.getMessage(), e);
        }
    }

    /** Hands the results to the sink as they arrive until all have; fails when the job fails first. */
    private static void receive(SimpleFutureAction<Object> job, BlockingQueue<UnitResult> arrived, int total,
                                Consumer<UnitResult> sink) {
        int received = 0;
        while (received < total) {
            UnitResult result;
            try {
                result = arrived.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("sweep interrupted", e);
            }
            if (result != null) {
                sink.accept(result);
                received++;
            } else if (job.isCompleted() && arrived.isEmpty()) {
                // every result handler has run before the job completes: the missing ones will not come
                try {
                    job.get();
                } catch (SparkException e) {
                    Throwable failure = e.getCause() != null ? e.getCause() : e; // get() wraps it in "awaitResult"
                    throw new IllegalStateException("Spark job failed after " + received + " of " + total
                            + " units (their results are kept; a re-run executes the others): " + failure.getMessage(),
                            failure);
                }
                throw new IllegalStateException("Spark job ended with " + received + " of " + total + " results");
            }
        }
    }

    /** A task: executes its partition's one unit, single-threaded. Runs on an executor. */
    private static final class ExecuteUnit extends AbstractFunction1<Iterator<WorkUnit>, UnitResult>
            implements Serializable {
        private final String unitsDir;

        ExecuteUnit(String unitsDir) {
            this.unitsDir = unitsDir;
        }

        @Override
        public UnitResult apply(Iterator<WorkUnit> partition) {
            WorkUnit unit = partition.next();
            // executors may be task threads of one JVM (local[N]): limit BLAS in-process
            Nd4j.factory().blas().setMaxThreads(1);
            return unit.execute(Path.of(unitsDir).resolve(unit.id()));
        }
    }

    @Override
    public String toString() {
        return "SparkSweepEngine[" + master + "]";
    }
}
