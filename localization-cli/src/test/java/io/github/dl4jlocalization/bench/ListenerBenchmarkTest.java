package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.listeners.DivergenceGuard;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness's bookkeeping (not the speed of this machine). */
class ListenerBenchmarkTest {

    @Test
    void everyCaseIsTimedInTheLoopAndAloneAgainstTheBareNetwork() {
        List<ListenerBenchmark.Case> cases = List.of(
                new ListenerBenchmark.Case("nothing", heldOut -> new BaseTrainingListener() {
                }),
                new ListenerBenchmark.Case("guard", heldOut -> new DivergenceGuard()));
        ListenerBenchmark.Result r = new ListenerBenchmark(50, 2, 10, 2).measure(DataType.FLOAT, cases);
        assertEquals(DataType.FLOAT, r.dataType());
        assertTrue(r.bare().step() > 0 && r.bare().stepCpu() >= 0 && r.fit() > 0, r.toString());
        assertEquals(List.of("nothing", "guard"), r.listeners().stream().map(ListenerBenchmark.Times::name).toList());
        for (ListenerBenchmark.Times t : r.listeners()) {
            assertTrue(t.step() > 0 && t.alone() >= 0, t.toString());
            assertEquals(t.step() / r.bare().step() - 1, r.overhead(t));
            assertEquals(t.alone() / r.fit(), r.share(t));
            assertEquals(r.share(t) <= ListenerBenchmark.TARGET_PERCENT / 100.0, r.meetsTarget(t));
        }
        String table = ListenerBenchmark.format(r);
        assertTrue(table.startsWith("float: bare step") && table.contains("nothing") && table.contains("guard"), table);
    }

    @Test
    void theUsersNetworkIsADenseReluLayerAndASoftmaxClassifier() {
        var net = ListenerBenchmark.network(DataType.DOUBLE);
        assertEquals(ListenerBenchmark.INPUTS * ListenerBenchmark.HIDDEN + ListenerBenchmark.HIDDEN
                + ListenerBenchmark.HIDDEN * ListenerBenchmark.CLASSES + ListenerBenchmark.CLASSES, net.numParams());
        assertEquals(DataType.DOUBLE, net.params().dataType());
        assertEquals(List.of("no-op listener (control)", "DivergenceGuard every step",
                "ReceptiveFieldListener every 10", "KurtosisListener every 10"),
                ListenerBenchmark.standardCases().stream().map(ListenerBenchmark.Case::name).toList());
    }

    @Test
    void rejectsInvalidSettings() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ListenerBenchmark(1000, 1, 5, 0));
        assertEquals("steps must be an integer >= 10, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ListenerBenchmark(1, 1, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new ListenerBenchmark(10, 1, 10, 0)
                .measure(DataType.DOUBLE, List.of()));
    }
}
