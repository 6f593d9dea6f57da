package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.math.Quadrature;
import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import io.github.dl4jlocalization.nn.Bias;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.apache.commons.lang3.SerializationUtils;
import org.apache.commons.math3.special.Erf;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KurtosisListenerTest {
    /** Held-out NLGP inputs, N = 200, from a data seed the training never uses. */
    private static INDArray heldOut() {
        return Fixtures.data(200, 1, 99).next().getFeatures();
    }

    /** The first {@code count} training batches of {@code Fixtures.data(size, perEpoch, seed)}, stacked. */
    private static INDArray stackedBatches(int size, int perEpoch, long seed, int from, int count) {
        DataSetIterator it = Fixtures.data(size, perEpoch, seed);
        List<INDArray> batches = new ArrayList<>();
        for (int t = 0; t < from + count; t++) {
            if (!it.hasNext()) {
                it.reset();
            }
            INDArray x = it.next().getFeatures();
            if (t >= from) {
                batches.add(x);
            }
        }
        return Nd4j.vstack(batches.toArray(new INDArray[0]));
    }

    /** Captures W (D x K) and b after every update. */
    private static final class ParameterProbe extends BaseTrainingListener {
        final List<INDArray> weights = new ArrayList<>();
        final List<INDArray> biases = new ArrayList<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            weights.add(model.getParam("0_W").dup());
            biases.add(model.getParam("0_b").dup());
        }
    }

    @Test
    void pooledInputKurtosisIsTheCentralEstimatorOfTheBatchesSinceTheLastRecord() {
        MultiLayerNetwork net = ShallowNetwork.builder(Fixtures.D).hiddenUnits(Fixtures.K).bias(Bias.trainable())
                .initScale(0.1).learningRate(0.5).seed(3).build().network();
        InMemoryRecordSink<KurtosisRecord> sink = new InMemoryRecordSink<>();
        INDArray heldOut = heldOut();
        KurtosisListener listener = new KurtosisListener.Builder(3).heldOutBatch(heldOut).inputEvery(1).sink(sink)
                .build();
        ParameterProbe probe = new ParameterProbe();
        net.setListeners(listener, probe);

        KurtosisRecord initial = listener.recordNow(net);
        assertEquals(0, initial.iteration());
        assertEquals(0, initial.inputSamples());
        assertEquals(0, initial.inputKurtosis().length);
        assertTrue(Double.isNaN(initial.meanInputKurtosis()));
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(heldOut.mmul(net.getParam("0_W"))),
                initial.preActivationKurtosis(), 1e-12);

        net.fit(Fixtures.data(20, 7, 1));   // 7 updates: records after 3 and 6
        List<KurtosisRecord> records = sink.records();
        assertEquals(List.of(0L, 3L, 6L), records.stream().map(KurtosisRecord::iteration).toList());
        for (KurtosisRecord r : records.subList(1, 3)) {
            int step = (int) r.iteration();
            assertEquals(60, r.inputSamples());
            // the same batches, regenerated independently of the network from the iterator's seed
            INDArray seen = stackedBatches(20, 7, 1, step - 3, 3);
            assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(seen), r.inputKurtosis(), 1e-10, "step " + step);
            // h = X W + b with the weights after this step (the bias must not matter)
            INDArray h = heldOut.mmul(probe.weights.get(step - 1)).addRowVector(probe.biases.get(step - 1));
            assertTrue(probe.biases.get(step - 1).norm2Number().doubleValue() > 0, "the bias was trained");
            assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(h), r.preActivationKurtosis(), 1e-10, "step " + step);
            assertEquals(Fixtures.D, r.inputKurtosis().length);
            assertEquals(Fixtures.K, r.preActivationKurtosis().length);
        }
    }

    /**
     * By default each record measures the batch of its own step; {@code inputEvery(k)} takes the
     * batches of updates k, 2k, ... since the previous record.
     */
    @Test
    void inputKurtosisTakesTheBatchesOfEveryInputEveryUpdates() {
        int batch = 20;
        int steps = 6;
        InMemoryRecordSink<KurtosisRecord> byDefault = new InMemoryRecordSink<>();
        InMemoryRecordSink<KurtosisRecord> everySecond = new InMemoryRecordSink<>();
        KurtosisListener defaults = new KurtosisListener.Builder(3).sink(byDefault).build();
        MultiLayerNetwork net = Fixtures.network(0.1);
        net.setListeners(defaults, new KurtosisListener.Builder(3).inputEvery(2).sink(everySecond).build());
        net.fit(Fixtures.data(batch, steps, 8));
        assertTrue(defaults.toString().contains("inputEvery=3"), defaults.toString());

        // records after updates 3 and 6; update s trains on batch s - 1
        List<KurtosisRecord> own = byDefault.records();
        assertEquals(List.of(3L, 6L), own.stream().map(KurtosisRecord::iteration).toList());
        for (KurtosisRecord r : own) {
            int step = (int) r.iteration();
            assertEquals(batch, r.inputSamples());
            assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(stackedBatches(batch, steps, 8, step - 1, 1)),
                    r.inputKurtosis(), 1e-10, "step " + step);
        }
        // every second update: update 2 for the first record, updates 4 and 6 for the second
        List<KurtosisRecord> pooled = everySecond.records();
        assertEquals(batch, pooled.get(0).inputSamples());
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(stackedBatches(batch, steps, 8, 1, 1)),
                pooled.get(0).inputKurtosis(), 1e-10);
        assertEquals(2 * batch, pooled.get(1).inputSamples());
        INDArray updates4And6 = Nd4j.vstack(stackedBatches(batch, steps, 8, 3, 1), stackedBatches(batch, steps, 8, 5, 1));
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(updates4And6), pooled.get(1).inputKurtosis(), 1e-10);
    }

    @Test
    void inputKurtosisOfNlgpDataEstimatesTheModelsMarginalKurtosis() {
        double gain = 3;
        int batch = 500;
        int steps = 4;
        MultiLayerNetwork net = Fixtures.network(0.1);
        InMemoryRecordSink<KurtosisRecord> sink = new InMemoryRecordSink<>();
        net.setListeners(new KurtosisListener.Builder(steps).inputEvery(1).sink(sink).build());
        net.fit(Fixtures.data(batch, steps, 5));
        KurtosisRecord r = sink.latest();
        int n = batch * steps;
        assertEquals(n, r.inputSamples());
        assertEquals(0, r.preActivationKurtosis().length, "no held-out batch");

        // Tolerance: the moment estimator kappa = m4/m2^2 - 3 of n i.i.d. samples of a symmetric X
        // is asymptotically normal with variance Var(psi(X))/n, psi(x) = x^4/s^4 - 2 beta x^2/s^2
        // (delta method; the centring adds nothing at order 1/n for symmetric X), where
        // beta = mu4/s^4. Var(psi) = mu8/s^8 - 4 beta mu6/s^6 + 4 beta^3 - beta^2, with the
        // moments of X = erf(g z) by quadrature. The mean over the D pixels has a variance at
        // most the per-pixel one (however the pixels correlate); the O(1/n) bias is ~1e-3. 5 SE.
        double s2 = moment(gain, 2);
        double beta = moment(gain, 4) / (s2 * s2);
        assertEquals(NlgpModel.excessKurtosis(gain), beta - 3, 1e-9, "quadrature check");
        double varPsi = moment(gain, 8) / Math.pow(s2, 4) - 4 * beta * moment(gain, 6) / Math.pow(s2, 3)
                + 4 * beta * beta * beta - beta * beta;
        double tolerance = 5 * Math.sqrt(varPsi / n);
        assertEquals(NlgpModel.excessKurtosis(gain), r.meanInputKurtosis(), tolerance);
        assertTrue(tolerance < 0.2, "the test can tell NLGP(3) (" + NlgpModel.excessKurtosis(gain)
                + ") from a Gaussian (0): tolerance " + tolerance);
    }

    /** {@code E[erf(g z)^p]} for z ~ N(0, 1), even p. */
    private static double moment(double gain, int p) {
        DoubleUnaryOperator f = z -> Math.pow(Erf.erf(gain * z), p) * Math.exp(-0.5 * z * z);
        return 2 * Quadrature.integrate(f, 0, 12, 1e-13) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void epochEndRecordsPoolTheWholeEpochs() {
        MultiLayerNetwork net = Fixtures.network(0.1);
        InMemoryRecordSink<KurtosisRecord> sink = new InMemoryRecordSink<>();
        net.setListeners(new KurtosisListener.Builder(1).invocationType(InvocationType.EPOCH_END).sink(sink).build());
        net.fit(Fixtures.data(15, 2, 4), 2);
        List<KurtosisRecord> records = sink.records();
        assertEquals(List.of(2L, 4L), records.stream().map(KurtosisRecord::iteration).toList());
        assertEquals(List.of(0, 1), records.stream().map(KurtosisRecord::epoch).toList());
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(stackedBatches(15, 2, 4, 2, 2)),
                records.get(1).inputKurtosis(), 1e-10);
    }

    @Test
    void preActivationsOnlyWhenInputMarginalsAreOff() {
        MultiLayerNetwork net = Fixtures.network(0.1);
        InMemoryRecordSink<KurtosisRecord> sink = new InMemoryRecordSink<>();
        net.setListeners(new KurtosisListener.Builder(2).inputMarginals(false).heldOutBatch(heldOut())
                .sink(sink).build());
        net.fit(Fixtures.data(10, 2, 4));
        KurtosisRecord r = sink.latest();
        assertEquals(0, r.inputSamples());
        assertEquals(0, r.inputKurtosis().length);
        assertEquals(Fixtures.K, r.preActivationKurtosis().length);
    }

    @Test
    void invalidConfigurationIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KurtosisListener.Builder(1).inputMarginals(false).build());
        assertTrue(e.getMessage().startsWith("heldOutBatch must be given when inputMarginals is false"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KurtosisListener.Builder(1).heldOutBatch(Nd4j.ones(1, 4)));
        assertEquals("heldOutBatch shape must be N x D with N >= 2 and D >= 1, got [1, 4]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new KurtosisListener.Builder(1).heldOutBatch(Nd4j.createFromArray(new double[][] {{1}, {Double.NaN}})));
        assertEquals("heldOutBatch entry must be a finite number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KurtosisListener.Builder(0));
        assertEquals("frequency must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KurtosisListener.Builder(5).inputEvery(0));
        assertEquals("inputEvery must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new KurtosisListener.Builder(5).inputEvery(6).build());
        assertEquals("inputEvery must be at most the frequency 5 (every record needs a batch), got 6", e.getMessage());
        new KurtosisListener.Builder(1).invocationType(InvocationType.EPOCH_END).inputEvery(6).build();   // epochs: any

        KurtosisListener wrongWidth = new KurtosisListener(1, Nd4j.ones(3, 5), new InMemoryRecordSink<>());
        e = assertThrows(IllegalArgumentException.class, () -> wrongWidth.recordNow(Fixtures.network(0.1)));
        assertEquals("heldOutBatch columns must be the input dimension 12 of parameter 0_W, got 5", e.getMessage());
    }

    @Test
    void serialisesWithItsConfiguration() {
        KurtosisListener listener = new KurtosisListener.Builder(5).parameter("0_W").heldOutBatch(heldOut())
                .sink(new InMemoryRecordSink<>()).build();
        KurtosisListener copy = SerializationUtils.clone(listener);
        assertEquals(listener.toString(), copy.toString());
        assertEquals(5, copy.frequency());
        for (String part : new String[] {"frequency=5", "invocation=ITERATION_END", "parameter=0_W",
                "inputMarginals=true", "inputEvery=5", "heldOut=200x12", "InMemoryRecordSink"}) {
            assertTrue(listener.toString().contains(part), listener.toString());
        }
        MultiLayerNetwork net = Fixtures.network(0.1);
        assertArrayEquals(listener.recordNow(net).preActivationKurtosis(), copy.recordNow(net).preActivationKurtosis());
    }
}
