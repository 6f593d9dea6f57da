package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.cli.LocalizationCli;
import io.github.dl4jlocalization.experiment.JsonFiles;
import io.github.dl4jlocalization.experiment.RunConfig;
import io.github.dl4jlocalization.experiment.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SparkSweepEngine}: the same units give bit-identical results on the local engine, on
 * Spark's {@code local[2]} (task threads) and on {@code local-cluster[2,1,1024]} (two executor
 * JVMs, against the stand-in Spark distribution at {@code $SPARK_HOME}, which surefire points into
 * target/); results reach the driver as their tasks finish; failures are reported, not lost; a
 * driver killed mid-sweep leaves only complete results.
 */
class SparkSweepEngineTest {
    /** 2 gains x 2 seeds of 5-step runs on L = 10. */
    private static SweepGrid grid() {
        return SweepGrid.fromMap(Map.of(
                "base", Map.of("data", Map.of("length", 10), "batch", 20, "steps", 5, "recordEvery", 1,
                        "checkpointEvery", 0, "evalSize", 20),
                "axes", Map.of("data.gain", List.of(0.5, 3)),
                "seeds", 2));
    }

    /** {@code engine} with the grid's unit {@value #FAILING} turned into a failing one. */
    private static final int FAILING = 1;

    private static SweepEngine withFailingUnit(SweepEngine engine, String failingId) {
        return (units, dir, sink) -> engine.execute(units.stream()
                .map(u -> u.id().equals(failingId) ? FailingTask.failing(u) : u).toList(), dir, sink);
    }

    @Test
    void everyEngineGivesBitIdenticalResultsAndFiles(@TempDir Path dir) throws IOException {
        SweepGrid grid = grid();
        String failingId = grid.units().get(FAILING).id();
        Map<String, SweepEngine> engines = new LinkedHashMap<>();
        engines.put("local", new LocalSweepEngine(2));
        engines.put("spark-local", SparkSweepEngine.local(2));
        engines.put("spark-cluster", new SparkSweepEngine("local-cluster[2,1,1024]", standInDistribution()));
        Map<String, Sweep> sweeps = new LinkedHashMap<>();
        engines.forEach((name, engine) -> {
            Sweep sweep = new Sweep(grid, dir.resolve(name));
            Sweep.Outcome outcome = sweep.run(withFailingUnit(engine, failingId), new Sweep.Listener() {
            });
            assertEquals(new Sweep.Outcome(4, 0, 4, 1, dir.resolve(name).resolve(Sweep.CSV)), outcome, name);
            sweeps.put(name, sweep);
        });
        Sweep reference = sweeps.get("local");
        for (WorkUnit unit : grid.units()) {
            UnitResult expected = reference.result(unit).orElseThrow();
            assertEquals(unit.id().equals(failingId) ? UnitResult.Status.FAILED : UnitResult.Status.COMPLETED,
                    expected.status(), expected.toString());
            byte[] weights = unit.id().equals(failingId) ? null
                    : Files.readAllBytes(reference.unitDir(unit).resolve(RunDirectory.WEIGHTS));
            for (String engine : List.of("spark-local", "spark-cluster")) {
                Sweep sweep = sweeps.get(engine);
                UnitResult actual = sweep.result(unit).orElseThrow();
                assertTrue(expected.sameOutcome(actual), engine + ": " + expected + " vs " + actual);
                if (weights != null) {
                    assertArrayEquals(weights, Files.readAllBytes(sweep.unitDir(unit).resolve(RunDirectory.WEIGHTS)),
                            engine + " " + unit.id());
                }
            }
        }
        assertEquals("IllegalStateException: boom in " + failingId,
                sweeps.get("spark-cluster").result(grid.units().get(FAILING)).orElseThrow().error());
    }

    /**
     * The settings that run {@code local-cluster} executors against {@code $SPARK_HOME}: an empty
     * {@code RELEASE} file and {@code jars/} make it a Spark distribution; the executors get this
     * JVM's class path (test classes included) and JavaCPP cache.
     */
    private static Map<String, String> standInDistribution() throws IOException {
        String home = System.getenv("SPARK_HOME");
        assertNotNull(home, "SPARK_HOME must name the stand-in distribution (surefire sets it: run through Maven)");
        Files.createDirectories(Path.of(home, "jars"));
        if (!Files.exists(Path.of(home, "RELEASE"))) {
            Files.createFile(Path.of(home, "RELEASE"));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.executor.extraClassPath",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            settings.put("spark.executor.extraJavaOptions", "-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        return settings;
    }

    @Test
    void killingTheDriverLeavesOnlyCompleteResultsAndARerunExecutesTheRest(@TempDir Path dir) throws Exception {
        Map<String, Object> gridMap = Map.of(
                "base", Map.of("data", Map.of("length", 10), "batch", 50, "steps", 100, "recordEvery", 50,
                        "checkpointEvery", 0, "evalSize", 20),
                "seeds", 8);
        Path gridFile = dir.resolve("grid.json");
        JsonFiles.write(gridFile, gridMap);
        Path out = dir.resolve("sweep");
        Path results = out.resolve(Sweep.RESULTS);
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        cmd.addAll(List.of(LocalizationCli.class.getName(), "sweep", "--grid", gridFile.toString(), "--out",
                out.toString(), "--engine", "spark", "--workers", "2"));
        Process driver = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (resultFiles(results).isEmpty() && driver.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            driver.destroyForcibly().waitFor();
        }
        int kept = resultFiles(results).size();
        assertTrue(kept >= 1 && kept < 8,
                kept + " results; driver log:\n" + Files.readString(dir.resolve("driver.log")));
        SweepGrid grid = SweepGrid.fromMap(gridMap);
        Sweep sweep = new Sweep(grid, out);
        assertEquals(kept, grid.units().stream().filter(u -> sweep.result(u).isPresent()).count(),
                "every result file the killed driver left is complete");
        assertEquals(new Sweep.Outcome(8, kept, 8 - kept, 0, out.resolve(Sweep.CSV)),
                sweep.run(SparkSweepEngine.local(2), new Sweep.Listener() {
                }));
    }

    private static List<Path> resultFiles(Path results) throws IOException {
        if (!Files.isDirectory(results)) {
            return List.of();
        }
        try (var files = Files.list(results)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).toList();
        }
    }

    /** Set by the test below: counted down when the first unit's result reaches the driver. */
    private static volatile CountDownLatch firstArrived;

    /** Trains; the unit of seed 1 first waits until the driver holds the result of seed 0. */
    private enum GatedTask implements UnitTask {
        INSTANCE;

        @Override
        public String kind() {
            return "gated";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of();
        }

        @Override
        public Outcome execute(RunConfig config, Path dir) {
            try {
                if (config.seed() == 1 && !firstArrived.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no result reached the driver while this unit ran");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return TrainTask.INSTANCE.execute(config, dir);
        }
    }

    @Test
    void resultsReachTheDriverAsTheirTasksFinish(@TempDir Path dir) {
        firstArrived = new CountDownLatch(1);
        List<WorkUnit> units = grid().units().subList(0, 2).stream()
                .map(u -> new WorkUnit(u.id(), u.point(), u.config(), GatedTask.INSTANCE)).toList();
        List<UnitResult> received = new ArrayList<>();
        SparkSweepEngine.local(2).execute(units, dir, result -> {
            received.add(result);
            firstArrived.countDown();
        });
        assertEquals(List.of(units.get(0).id(), units.get(1).id()), received.stream().map(UnitResult::id).toList());
        for (UnitResult r : received) {
            assertEquals(UnitResult.Status.COMPLETED, r.status(), r.toString());
        }
    }

    /** A task that cannot be deserialised where it runs: its Spark task fails outside the unit. */
    private static final class Unshippable implements UnitTask {
        @Override
        public String kind() {
            return "unshippable";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of();
        }

        @Override
        public Outcome execute(RunConfig config, Path dir) {
            throw new AssertionError("never deserialised, never executed");
        }

        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("cannot be read here");
        }
    }

    @Test
    void aJobFailingOutsideTheUnitsIsReportedWithTheResultsSoFar(@TempDir Path dir) {
        WorkUnit u = grid().units().get(0);
        List<WorkUnit> units = List.of(new WorkUnit(u.id(), u.point(), u.config(), new Unshippable()));
        List<UnitResult> received = new ArrayList<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkSweepEngine.local(1).execute(units, dir, received::add));
        assertTrue(e.getMessage().startsWith("Spark job failed after 0 of 1 units"), e.getMessage());
        assertEquals(List.of(), received);
    }

    @Test
    void invalidSettingsNameTheParameter() {
        assertMessage("master must be a Spark master URL (local, local[N], local[*], local[N,RETRIES], "
                + "local-cluster[N,CORES,MB], spark://HOST:PORT, yarn, k8s://URL), got 'locl[2]'",
                () -> new SparkSweepEngine("locl[2]", Map.of()));
        for (String bad : List.of(" ", "local[0]", "local[2", "local-cluster[2,1]", "spark://")) {
            assertMessage("master must be a Spark master URL", () -> new SparkSweepEngine(bad, Map.of()));
        }
        for (String good : List.of("local", "local[*]", "local[4,2]", "local-cluster[2, 1, 1024]",
                "spark://host:7077", "yarn", "k8s://https://host:6443")) {
            assertEquals(good, new SparkSweepEngine(good, Map.of()).master());
        }
        assertMessage("Spark setting must be a spark.* key with a value, got executor.memory=1g",
                () -> new SparkSweepEngine("local", Map.of("executor.memory", "1g")));
        assertMessage("workers must be an integer >= 1, got 0", () -> SparkSweepEngine.local(0));
        assertEquals("1", new SparkSweepEngine("local", Map.of()).conf().get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("2g", new SparkSweepEngine("local", Map.of("spark.executor.memory", "2g")).conf()
                .get("spark.executor.memory"));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
