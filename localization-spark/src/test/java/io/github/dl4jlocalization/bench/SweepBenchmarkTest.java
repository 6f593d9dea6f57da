package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.sweep.LocalSweepEngine;
import io.github.dl4jlocalization.sweep.SparkSweepEngine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's bookkeeping on tiny units (not the speed of this machine). */
class SweepBenchmarkTest {
    @Test
    void measuresEachEngineOnTheSameUnits() {
        SweepBenchmark bench = new SweepBenchmark(3, 10, 20, 2);
        assertEquals(3, bench.units().size());
        List<SweepBenchmark.Result> results = bench.run(List.of(
                new SweepBenchmark.Engine("local", new LocalSweepEngine(2), 2),
                new SweepBenchmark.Engine("spark", SparkSweepEngine.local(2), 2)));
        assertEquals(2, results.size());
        for (SweepBenchmark.Result r : results) {
            assertEquals(3, r.units());
            assertTrue(r.meanUnitSeconds() > 0 && r.meanUnitSeconds() < r.wallSeconds(), r.toString());
            assertEquals(3 * 60 / r.wallSeconds(), r.unitsPerMinute(), 1e-9);
            assertEquals(r.wallSeconds() * 2 / 3 - r.meanUnitSeconds(), r.overheadSeconds(), 1e-9);
        }
        String table = SweepBenchmark.format(results);
        assertTrue(table.startsWith("engine"), table);
        assertTrue(table.contains("\nlocal ") && table.contains("\nspark "), table);
        assertTrue(table.contains(String.format(java.util.Locale.ROOT, "throughput spark / local: %.2f",
                results.get(1).unitsPerMinute() / results.get(0).unitsPerMinute())), table);
    }

    @Test
    void invalidSizesNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepBenchmark(0, 10, 20, 2));
        assertEquals("units must be an integer >= 1, got 0", e.getMessage());
    }
}
