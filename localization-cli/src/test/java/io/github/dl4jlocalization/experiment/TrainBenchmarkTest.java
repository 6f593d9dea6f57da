package io.github.dl4jlocalization.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainBenchmarkTest {

    @Test
    void measuresEveryPartOfAStep() {
        TrainBenchmark.Workload small = new TrainBenchmark.Workload("S", "K=4, B=100",
                RunConfig.builder().hidden(4).batch(100).build());
        TrainBenchmark.Result r = new TrainBenchmark(2, 10, 2).measure(small);
        for (double ms : new double[] {r.step(), r.stepWithListener(), r.data(), r.generate(), r.fit(),
            r.forwardBackward(), r.listenerRecord(), r.evaluation()}) {
            assertTrue(ms > 0 && ms < 1000, r.toString());
        }
        assertEquals(r.stepWithListener() / r.step() - 1, r.listenerOverhead());
        assertEquals(r.fit() - r.forwardBackward(), r.updater());
        assertEquals(r.listenerRecord() / TrainBenchmark.LISTENER_FREQUENCY, r.listenerPerStep());
        assertEquals(r.data() - r.generate(), r.copy());
        assertEquals((r.listenerRecord() + r.evaluation()) / 100, r.recordsPerStep(100));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2, TrainBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, TrainBenchmark.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void standardWorkloadsAreW1AndW2() {
        assertEquals(1, TrainBenchmark.W1.config().hidden());
        assertEquals(5000, TrainBenchmark.W1.config().batch());
        assertEquals(100, TrainBenchmark.W2.config().hidden());
        assertEquals(1000, TrainBenchmark.W2.config().batch());
        assertEquals(40, TrainBenchmark.W2.config().dataModel().dimension());
    }
}
