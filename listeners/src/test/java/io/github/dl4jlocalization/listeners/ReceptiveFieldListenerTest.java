package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.nn.ShallowNetworkParameters;
import org.apache.commons.lang3.SerializationUtils;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceptiveFieldListenerTest {

    /** Captures the first-layer weights after every update (it runs after the listener under test). */
    private static final class WeightProbe extends BaseTrainingListener {
        final List<double[][]> afterStep = new ArrayList<>();
        final List<Double> scores = new ArrayList<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            assertEquals(afterStep.size(), iteration, "DL4J's 0-based index of the update just done");
            afterStep.add(ShallowNetworkParameters.receptiveFields((MultiLayerNetwork) model));
            scores.add(model.score());
        }
    }

    @Test
    void recordsEveryNStepsWithTheWeightsAfterThatStepAndTheirMetrics() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        InMemoryRecordSink<ReceptiveFieldRecord> sink = new InMemoryRecordSink<>();
        ReceptiveFieldListener listener = new ReceptiveFieldListener(3, sink);
        WeightProbe probe = new WeightProbe();
        net.setListeners(listener, probe);

        ReceptiveFieldRecord initial = listener.recordNow(net);
        net.fit(Fixtures.data(20, 10, 1));   // 10 updates

        List<ReceptiveFieldRecord> records = sink.records();
        assertEquals(List.of(0L, 3L, 6L, 9L), records.stream().map(ReceptiveFieldRecord::iteration).toList());
        assertEquals(initial, records.get(0));
        double[][] start = ShallowNetworkParameters.receptiveFields(Fixtures.network(0.5));
        assertArrayEquals(start, initial.receptiveFields());

        for (ReceptiveFieldRecord r : records.subList(1, records.size())) {
            int step = (int) r.iteration();
            double[][] weights = probe.afterStep.get(step - 1);
            assertArrayEquals(weights, r.receptiveFields(), "snapshot = weights after update " + step);
            assertEquals(probe.scores.get(step - 1), r.score());
            assertEquals(0, r.epoch());
            assertEquals(Fixtures.K, r.units());
            for (int k = 0; k < Fixtures.K; k++) {
                assertEquals(LocalizationMetrics.ipr(weights[k]), r.ipr()[k], "IPR of unit " + k);
                assertEquals(LocalizationMetrics.signedPeak(weights[k]), r.peaks()[k], "peak of unit " + k);
            }
        }
        // the weights moved, so the records are not all the same
        assertFalse(java.util.Arrays.deepEquals(records.get(0).receptiveFields(), records.get(3).receptiveFields()));
    }

    @Test
    void epochEndRecordsEveryNEpochsAtTheUpdateCount() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        InMemoryRecordSink<ReceptiveFieldRecord> sink = new InMemoryRecordSink<>();
        WeightProbe probe = new WeightProbe();
        net.setListeners(new ReceptiveFieldListener.Builder(2).invocationType(InvocationType.EPOCH_END)
                .snapshotWeights(false).sink(sink).build(), probe);
        net.fit(Fixtures.data(10, 3, 2), 5);   // 5 epochs of 3 updates
        List<ReceptiveFieldRecord> records = sink.records();
        assertEquals(List.of(1, 3), records.stream().map(ReceptiveFieldRecord::epoch).toList());
        assertEquals(List.of(6L, 12L), records.stream().map(ReceptiveFieldRecord::iteration).toList());
        for (ReceptiveFieldRecord r : records) {
            assertFalse(r.hasReceptiveFields());
            double[][] weights = probe.afterStep.get((int) r.iteration() - 1);
            for (int k = 0; k < Fixtures.K; k++) {
                assertEquals(LocalizationMetrics.ipr(weights[k]), r.ipr()[k], "IPR of unit " + k);
            }
        }
    }

    @Test
    void everySinkGetsEveryRecord() {
        InMemoryRecordSink<ReceptiveFieldRecord> a = new InMemoryRecordSink<>();
        InMemoryRecordSink<Object> b = new InMemoryRecordSink<>();
        MultiLayerNetwork net = Fixtures.network(0.5);
        net.setListeners(new ReceptiveFieldListener.Builder(2).sink(a).sink(b).build());
        net.fit(Fixtures.data(10, 4, 3));
        assertEquals(2, a.size());
        assertEquals(a.records(), b.records());
    }

    @Test
    void anotherParameterCanBeWatchedAndAMissingOneIsNamed() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        ReceptiveFieldRecord readout = new ReceptiveFieldListener.Builder(1).parameter("1_W").build().recordNow(net);
        assertEquals(1, readout.units());
        assertArrayEquals(new SignedPeak[] {LocalizationMetrics.signedPeak(ShallowNetworkParameters.readout(net))},
                readout.peaks());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReceptiveFieldListener.Builder(1).parameter("7_W").build().recordNow(net));
        assertTrue(e.getMessage().startsWith("parameter must be the key of a 2-D dense weight matrix"), e.getMessage());
    }

    @Test
    void anyLayerIsReadThroughAReader() {
        // a reader of any shape of weights, here the first layer's fields reversed in input order
        MultiLayerNetwork net = Fixtures.network(0.5);
        ReceptiveFieldReader reversed = model -> {
            double[][] fields = ReceptiveFieldReader.denseLayer("0_W").read(model);
            for (double[] f : fields) {
                for (int i = 0; i < f.length / 2; i++) {
                    double t = f[i];
                    f[i] = f[f.length - 1 - i];
                    f[f.length - 1 - i] = t;
                }
            }
            return fields;
        };
        ReceptiveFieldListener listener = new ReceptiveFieldListener.Builder(1).reader(reversed).build();
        ReceptiveFieldRecord record = listener.recordNow(net);
        double[][] fields = ShallowNetworkParameters.receptiveFields(net);
        for (int k = 0; k < Fixtures.K; k++) {
            assertEquals(LocalizationMetrics.ipr(fields[k]), record.ipr()[k], 1e-15);
            SignedPeak peak = LocalizationMetrics.signedPeak(fields[k]);
            assertEquals(new SignedPeak(Fixtures.D - 1 - peak.index(), peak.sign()), record.peaks()[k]);
        }
        ReceptiveFieldListener copy = SerializationUtils.roundtrip(listener);
        assertArrayEquals(record.ipr(), copy.recordNow(net).ipr(), "a lambda reader serialises with the listener");
    }

    @Test
    void invalidConfigurationIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ReceptiveFieldListener.Builder(0));
        assertEquals("frequency must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new ReceptiveFieldListener.Builder(1).invocationType(InvocationType.EPOCH_START));
        assertEquals("invocationType must be ITERATION_END or EPOCH_END, got EPOCH_START", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ReceptiveFieldListener(5, null));
        assertEquals("sink must be given, got null", e.getMessage());
    }

    @Test
    void serialisesWithItsConfigurationAndSinks() {
        InMemoryRecordSink<ReceptiveFieldRecord> sink = new InMemoryRecordSink<>();
        ReceptiveFieldListener listener = new ReceptiveFieldListener.Builder(4).invocationType(InvocationType.EPOCH_END)
                .parameter("0_W").snapshotWeights(false).sink(sink).build();
        ReceptiveFieldListener copy = SerializationUtils.clone(listener);
        assertEquals(listener.toString(), copy.toString());
        assertEquals(4, copy.frequency());
        String s = listener.toString();
        for (String part : new String[] {"frequency=4", "invocation=EPOCH_END", "parameter=0_W", "snapshotWeights=false",
                "InMemoryRecordSink"}) {
            assertTrue(s.contains(part), s);
        }
        // the copy works and records into its own sink copy
        ReceptiveFieldRecord r = copy.recordNow(Fixtures.network(0.5));
        assertEquals(0, r.iteration());
        assertEquals(0, sink.size());
    }
}
