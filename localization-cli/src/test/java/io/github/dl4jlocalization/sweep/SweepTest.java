package io.github.dl4jlocalization.sweep;

import io.github.dl4jlocalization.experiment.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SweepGrid}, {@link WorkUnit}, {@link Sweep} and {@link LocalSweepEngine} on tiny runs. */
class SweepTest {
    /** 2 gains x 2 learning rates x 2 seeds of 3-step runs on L = 10. */
    private static SweepGrid grid() {
        Map<String, Object> axes = new LinkedHashMap<>();
        axes.put("data.gain", List.of(0.5, 3));
        axes.put("lr", List.of(0.05, 0.1));
        return SweepGrid.fromMap(Map.of(
                "base", Map.of("data", Map.of("length", 10), "batch", 20, "steps", 3, "recordEvery", 1,
                        "checkpointEvery", 0, "evalSize", 20),
                "axes", axes,
                "seeds", 2));
    }

    /** Counts the units handed to the local engine; the unit with id {@code failing} fails. */
    private static final class CountingEngine implements SweepEngine {
        final AtomicInteger executed = new AtomicInteger();
        private final LocalSweepEngine local = new LocalSweepEngine(2);
        private final String failing;

        CountingEngine(String failing) {
            this.failing = failing;
        }

        @Override
        public void execute(List<WorkUnit> units, Path unitsDir, java.util.function.Consumer<UnitResult> sink) {
            executed.addAndGet(units.size());
            local.execute(units.stream().map(u -> u.id().equals(failing) ? FailingTask.failing(u) : u).toList(),
                    unitsDir, sink);
        }
    }

    @Test
    void gridIsTheCartesianProductWithStableIds() {
        SweepGrid grid = grid();
        assertEquals(List.of("data.gain", "lr", "seed"), grid.axes());
        assertEquals(8, grid.units().size());
        WorkUnit first = grid.units().get(0);
        assertEquals(Map.of("data.gain", 0.5, "lr", 0.05, "seed", 0L), first.point());
        assertEquals(0.5, first.config().data().gain());
        assertEquals(0.05, first.config().learningRate());
        assertEquals(1, grid.units().get(1).config().seed());
        assertEquals(3.0, grid.units().get(4).config().data().gain());
        assertTrue(first.id().startsWith("gain=0.5_lr=0.05_seed=0-"), first.id());
        assertEquals(first.id(), grid().units().get(0).id());
        assertEquals(8, grid.units().stream().map(WorkUnit::id).distinct().count());
    }

    @Test
    void runsSkipsCompletedAndRerunsOnlyMissingResults(@TempDir Path dir) throws IOException {
        SweepGrid grid = grid();
        Sweep sweep = new Sweep(grid, dir);
        // a failing unit is reported as failed; the others go on
        WorkUnit broken = grid.units().get(3);
        CountingEngine engine = new CountingEngine(broken.id());
        Sweep.Outcome outcome = sweep.run(engine, new Sweep.Listener() {
        });
        assertEquals(new Sweep.Outcome(8, 0, 8, 1, dir.resolve(Sweep.CSV)), outcome);
        UnitResult failed = sweep.result(broken).orElseThrow();
        assertEquals(UnitResult.Status.FAILED, failed.status());
        assertEquals("IllegalStateException: boom in " + broken.id(), failed.error());
        for (WorkUnit u : grid.units()) {
            if (u != broken) {
                UnitResult r = sweep.result(u).orElseThrow();
                assertEquals(UnitResult.Status.COMPLETED, r.status(), r.toString());
                assertTrue(r.meanIpr() > 0 && r.meanIpr() <= 1, r.toString());
                assertTrue(Files.exists(sweep.unitDir(u).resolve(RunDirectory.SUMMARY)));
            }
        }
        List<String> csv = Files.readAllLines(dir.resolve(Sweep.CSV));
        assertEquals("id,data.gain,lr,seed,status,finalLoss,accuracy,meanIpr,maxIpr,inputExcessKurtosis,"
                + "inputExcessKurtosisExact,seconds,error", csv.get(0));
        assertEquals(9, csv.size());
        assertTrue(csv.get(4).startsWith(broken.id() + ",0.5,0.1,1,failed,"), csv.get(4));
        assertTrue(csv.get(1).startsWith(grid.units().get(0).id() + ",0.5,0.05,0,completed,"), csv.get(1));

        // complete: nothing runs again, the table is rewritten
        Files.delete(dir.resolve(Sweep.CSV));
        assertEquals(new Sweep.Outcome(8, 8, 0, 0, dir.resolve(Sweep.CSV)), sweep.run(engine, new Sweep.Listener() {
        }));
        assertEquals(8, engine.executed.get());
        assertEquals(csv, Files.readAllLines(dir.resolve(Sweep.CSV)));

        // a deleted result: only that unit runs again
        WorkUnit again = grid.units().get(6);
        UnitResult before = sweep.result(again).orElseThrow();
        Files.delete(sweep.resultFile(again));
        assertEquals(new Sweep.Outcome(8, 7, 1, 0, dir.resolve(Sweep.CSV)), sweep.run(engine, new Sweep.Listener() {
        }));
        assertEquals(9, engine.executed.get());
        assertTrue(before.sameOutcome(sweep.result(again).orElseThrow()));
    }

    @Test
    void aUnitIsDeterministicAndSerialisable(@TempDir Path dir) throws Exception {
        WorkUnit unit = grid().units().get(5);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(unit);
        }
        WorkUnit shipped;
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (WorkUnit) in.readObject();
        }
        assertEquals(unit, shipped);
        UnitResult a = unit.execute(dir.resolve("a"));
        UnitResult b = shipped.execute(dir.resolve("b"));
        assertEquals(UnitResult.Status.COMPLETED, a.status(), a.toString());
        assertTrue(a.sameOutcome(b), a + " vs " + b);
        assertEquals(a, UnitResult.fromMap(a.toMap()));
        UnitResult failed = UnitResult.failed("x", "boom", 1);
        assertEquals(failed, UnitResult.fromMap(failed.toMap()));
        assertNotEquals(a, failed);
    }

    @Test
    void aTheoryGridComparesEachUnitWithTheDynamicsAndTabulatesTheMeasures(@TempDir Path dir) throws IOException {
        SweepGrid grid = SweepGrid.fromMap(Map.of(
                "base", Map.of("data", Map.of("length", 10, "gain", 3), "batch", 50, "steps", 20, "recordEvery", 10,
                        "checkpointEvery", 0, "evalSize", 20),
                "seeds", 2,
                "task", Map.of("kind", "theory", "variant", "1")));
        WorkUnit unit = grid.units().get(0);
        assertEquals(new TheoryTask(null, 100_000, io.github.dl4jlocalization.theory.EffectiveDynamics.Variant.VARIANT_1),
                unit.task());
        assertNotEquals(WorkUnit.of(unit.point(), unit.config()).id(), unit.id(), "the task is part of the id");
        // a partial unit a killed sweep left behind is replaced
        Path partial = dir.resolve(Sweep.UNITS).resolve(unit.id()).resolve(io.github.dl4jlocalization.experiment
                .TheoryComparison.SGD_DIR);
        Files.createDirectories(partial);
        Files.writeString(partial.resolve(RunDirectory.CONFIG), "{}");
        Sweep sweep = new Sweep(grid, dir);
        assertEquals(new Sweep.Outcome(2, 0, 2, 0, dir.resolve(Sweep.CSV)), sweep.run(new LocalSweepEngine(1),
                new Sweep.Listener() {
                }));
        UnitResult r = sweep.result(unit).orElseThrow();
        assertEquals(List.of("iprTheory", "iprSgd", "peakTheory", "peakSgd", "peakMatch", "l2Error"),
                List.copyOf(r.measures().keySet()));
        double match = r.measures().get("peakMatch");
        assertEquals(r.measures().get("peakTheory").equals(r.measures().get("peakSgd")) ? 1.0 : 0.0, match);
        assertEquals(r.meanIpr(), r.measures().get("iprSgd"), 1e-12, "the SGD run's final IPR");
        assertEquals(r, UnitResult.fromMap(r.toMap()));
        List<String> csv = Files.readAllLines(dir.resolve(Sweep.CSV));
        assertTrue(csv.get(0).endsWith("inputExcessKurtosisExact,iprTheory,iprSgd,peakTheory,peakSgd,peakMatch,"
                + "l2Error,seconds,error"), csv.get(0));
        assertEquals(3, csv.size());
    }

    @Test
    void gridErrorsNameTheKey() {
        assertMessage("task.kind must be one of train, theory", Map.of("task", Map.of("kind", "tehory")));
        assertMessage("task setting must be one of covariance, empiricalSamples, variant for kind theory, got 'lr'",
                Map.of("task", Map.of("kind", "theory", "lr", 1)));
        assertMessage("variant must be 1 or fig3", Map.of("task", Map.of("kind", "theory", "variant", 2)));
        assertMessage("grid key must be one of base, axes, seeds, task, out, got 'axis'", Map.of("axis", Map.of()));
        assertMessage("'data.gian'", Map.of("axes", Map.of("data.gian", List.of(1))));
        assertMessage("'seed'", Map.of("axes", Map.of("seed", List.of(1))));
        assertMessage("axes.lr", Map.of("axes", Map.of("lr", List.of())));
        assertMessage("lr must be", Map.of("axes", Map.of("lr", List.of(0.1, -1))));
        assertMessage("unknown run parameter 'stpes'", Map.of("base", Map.of("stpes", 3)));
        assertMessage("seeds", Map.of("seeds", 0));
    }

    private static void assertMessage(String expected, Map<String, ?> grid) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepGrid.fromMap(grid));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
