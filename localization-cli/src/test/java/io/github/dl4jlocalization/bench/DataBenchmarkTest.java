package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.KurModel;
import io.github.dl4jlocalization.data.NlgpModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's bookkeeping (not the speed of this machine). */
class DataBenchmarkTest {
    private static final List<NormalFloor.Generator> GENERATORS =
            List.of(NormalFloor.Generator.SPLITTABLE_RANDOM, NormalFloor.Generator.RANDOM_STREAMS);

    @Test
    void resultsCompareEachWorkloadWithTheFastestGenerator() {
        DataBenchmark.Workload small = new DataBenchmark.Workload("nlgp small", new NlgpModel(3,
                new ClassPair(0.3, 0.7), 8), 64, 2);
        DataBenchmark.Workload kur = new DataBenchmark.Workload("kur small",
                new KurModel(5, new ClassPair(0.3, 0.7), 8), 32, Double.NaN);
        List<DataBenchmark.Result> results = new DataBenchmark(1, 3, 2, false, GENERATORS).run(List.of(small, kur));
        assertEquals(2, results.size());
        for (DataBenchmark.Result r : results) {
            assertEquals(GENERATORS.size(), r.floors().size());
            double fastest = r.floors().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            assertEquals(fastest, r.floorMillis());
            assertEquals(fastest, r.floors().get(r.floorGenerator()));
            assertEquals(r.millisPerBatch() / r.floorMillis(), r.ratio(), 1e-12);
            assertEquals(r.workload().batchSize() * 1000 / r.millisPerBatch(), r.samplesPerSecond(), 1e-6);
        }
        assertTrue(results.get(1).meetsTarget(), "no target is always met");
        String table = DataBenchmark.format(results);
        assertTrue(table.contains("nlgp small") && table.contains("kur small") && table.contains("512 normals"),
                table);
    }

    /** A floor measured in a child JVM comes back as one median per size. */
    @Test
    void isolatedFloorsRunInChildJvms() {
        Map<NormalFloor.Generator, double[]> floors = NormalFloor.measureIsolated(
                List.of(NormalFloor.Generator.RANDOM_STREAMS), new int[] {1000, 2000}, 1, 3);
        double[] medians = floors.get(NormalFloor.Generator.RANDOM_STREAMS);
        assertEquals(2, medians.length);
        assertTrue(medians[0] > 0 && medians[1] > 0);
    }

    @Test
    void rejectsInvalidSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DataBenchmark(0, 0, 1, false, GENERATORS));
        assertTrue(e.getMessage().contains("repetitions"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new DataBenchmark(0, 1, 1, false, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new DataBenchmark.Workload("w", new NlgpModel(3, new ClassPair(1, 2), 8), 0, 2));
        assertFalse(DataBenchmark.targetWorkloads().isEmpty());
    }
}
