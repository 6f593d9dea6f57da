package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.metrics.CavityKurtosis;
import io.github.dl4jlocalization.metrics.ConnectionLocality;
import io.github.dl4jlocalization.metrics.ExcessKurtosis;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The IMP rounds: masks hold after every update (as seen by a later listener), the sparsity
 * schedule is exact, rewinding restores the rewind point (weights, updater state, counters), the
 * records measure what they say, the one-shot baseline, and the model-zip round trip.
 */
class IterativeMagnitudePruningTest {
    private static final int STEPS = 4;
    private static final int ROUNDS = 3;
    private static final double RATE = 0.3;
    private static final int N = Fixtures.D * Fixtures.K;

    private static DataSet heldOut() {
        return Fixtures.data(200, 1, 99).next();
    }

    private static IterativeMagnitudePruning.Builder builder() {
        return new IterativeMagnitudePruning.Builder().rate(RATE).rounds(ROUNDS).stepsPerRound(STEPS)
                .heldOut(heldOut());
    }

    /**
     * A listener added after IMP: before every update it records the parameters, updater state
     * and counters, and checks that the pruned gradient entries are 0; after every update it
     * checks that every pruned weight is exactly 0.
     */
    private static final class Probe extends BaseTrainingListener {
        final IterativeMagnitudePruning imp;
        final List<INDArray> params = new ArrayList<>();
        final List<INDArray> updaterState = new ArrayList<>();
        final List<Integer> iterationCounts = new ArrayList<>();
        final List<PruningMasks> masks = new ArrayList<>();
        int updates;

        Probe(IterativeMagnitudePruning imp) {
            this.imp = imp;
        }

        @Override
        public void onGradientCalculation(Model model) {
            MultiLayerNetwork net = (MultiLayerNetwork) model;
            PruningMasks m = imp.masks();
            masks.add(m);
            params.add(net.params().dup());
            INDArray state = net.getUpdater().getStateViewArray();
            updaterState.add(state == null ? null : state.dup());
            iterationCounts.add(net.getIterationCount());
            for (String key : m.keys()) {
                assertPrunedAreZero(m, key, net.gradient().getGradientFor(key), "gradient");
            }
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            updates++;
            PruningMasks m = imp.masks();
            for (String key : m.keys()) {
                assertPrunedAreZero(m, key, model.getParam(key), "parameter");
            }
        }
    }

    private static void assertPrunedAreZero(PruningMasks m, String key, INDArray values, String what) {
        boolean[] kept = m.kept(key);
        double[] v = values.dup('c').data().asDouble();
        for (int i = 0; i < kept.length; i++) {
            if (!kept[i]) {
                assertEquals(0, v[i], 0, what + " " + key + "[" + i + "] is pruned");
            }
        }
    }

    @Test
    void masksHoldAfterEveryUpdateTheScheduleIsExactAndRewindRestoresTheInitialWeights() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        INDArray initial = net.params().dup();
        IterativeMagnitudePruning imp = builder().build();
        Probe probe = new Probe(imp);
        net.setListeners(probe);
        DataModelDataSetIterator data = (DataModelDataSetIterator) Fixtures.data(20, 3, 1);

        List<PruningRoundRecord> records = imp.run(net, data);

        assertSame(imp, net.getListeners().iterator().next(), "IMP runs first");
        assertEquals((ROUNDS + 1) * STEPS, probe.updates);
        assertEquals((ROUNDS + 1) * STEPS, data.position(), "the stream continues, with resets in between");
        assertEquals(ROUNDS + 1, records.size());
        for (int r = 0; r <= ROUNDS; r++) {
            PruningRoundRecord record = records.get(r);
            long kept = Math.round(N * Math.pow(1 - RATE, r));   // 36, 25, 18, 12
            assertEquals(r, record.round());
            assertFalse(record.oneShot());
            assertEquals((r + 1L) * STEPS, record.steps());
            assertEquals(1 - kept / (double) N, record.sparsity(), 1e-15);
            long keptAfter = Math.round(N * Math.pow(1 - RATE, Math.min(r + 1, ROUNDS)));
            assertEquals(1 - keptAfter / (double) N, record.sparsityAfterPruning(), 1e-15);
            assertEquals(kept, Arrays.stream(record.keptInputs()).sum());

            // the first update of phase r starts from the initial weights times the mask, counters at 0
            int first = r * STEPS;
            PruningMasks mask = probe.masks.get(first);
            assertEquals(kept, mask.keptCount());
            MultiLayerNetwork scratch = Fixtures.network(0.5);
            scratch.setParams(initial);
            mask.applyTo(scratch);
            assertEquals(scratch.params(), probe.params.get(first), "phase " + r + " starts at theta_0 * m");
            assertEquals(0, probe.iterationCounts.get(first));
        }
        assertEquals(List.of(0, 1, 2, 3), probe.iterationCounts.subList(0, STEPS));
        assertEquals(Math.round(N * Math.pow(1 - RATE, ROUNDS)), imp.masks().keptCount());
    }

    @Test
    void lateRewindingRestoresWeightsMomentumAndCountersOfStepK() {
        // a two-layer tanh net with Nesterov momentum: rewinding must restore the updater state, and
        // the momentum restored for pruned weights would move them without the re-applied mask
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Nesterovs(0.05, 0.9))
                .list(new DenseLayer.Builder().nIn(Fixtures.D).nOut(Fixtures.K).activation(Activation.TANH).build(),
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(Fixtures.K).nOut(1)
                                .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        int k = 2;
        IterativeMagnitudePruning imp = builder().rewindToStep(k).scope(PruningScope.PER_LAYER).build();
        Probe probe = new Probe(imp);
        net.setListeners(probe);

        List<PruningRoundRecord> records = imp.run(net, Fixtures.data(20, 100, 1));

        assertEquals(List.of("0_W", "1_W"), imp.masks().keys());
        INDArray paramsAtK = probe.params.get(k);
        INDArray stateAtK = probe.updaterState.get(k);
        assertTrue(stateAtK.norm2Number().doubleValue() > 0, "momentum after k updates");
        for (int r = 1; r <= ROUNDS; r++) {
            int first = r * STEPS;
            MultiLayerNetwork scratch = new MultiLayerNetwork(conf.clone());
            scratch.init(paramsAtK.dup(), false);
            probe.masks.get(first).applyTo(scratch);
            assertEquals(scratch.params(), probe.params.get(first), "phase " + r + " starts at theta_k * m");
            assertEquals(stateAtK, probe.updaterState.get(first), "phase " + r + " starts with the updater state of step k");
            assertEquals(k, probe.iterationCounts.get(first));
            assertEquals(Math.round(Fixtures.K * Math.pow(1 - RATE, r)), probe.masks.get(first).keptCount("1_W"));
        }
        assertEquals(ROUNDS + 1, records.size());
    }

    @Test
    void recordsMeasureTheTrainedMaskedWeights() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        DataSet heldOut = heldOut();
        InMemoryRecordSink<PruningRoundRecord> sink = new InMemoryRecordSink<>();
        IterativeMagnitudePruning imp = builder().sink(sink).build();
        List<PruningRoundRecord> records = imp.run(net, Fixtures.data(20, 100, 2));
        assertEquals(records, sink.records());
        double[][] x = heldOut.getFeatures().toDoubleMatrix();
        for (int r = 0; r <= ROUNDS; r++) {
            PruningRoundRecord record = records.get(r);
            double[][] fields = record.receptiveFields();
            CavityKurtosis cavity = CavityKurtosis.of(x, fields);
            assertArrayEquals(cavity.kurtosis(), record.preActivationKurtosis(), 1e-12);
            for (int u = 0; u < Fixtures.K; u++) {
                boolean[] kept = ConnectionLocality.nonZero(fields[u]);
                assertEquals(LocalizationMetrics.ipr(fields[u]), record.ipr()[u], 1e-15);
                assertEquals(ConnectionLocality.circularSpan(kept), record.span()[u]);
                assertEquals(ConnectionLocality.contiguousRuns(kept), record.runs()[u]);
            }
            if (r < ROUNDS) {
                // the next phase's fields are zero exactly where this phase's pruning removed weights
                double[][] next = records.get(r + 1).receptiveFields();
                boolean[][] prunedNow = new boolean[Fixtures.K][Fixtures.D];
                boolean[][] keptNext = new boolean[Fixtures.K][];
                for (int u = 0; u < Fixtures.K; u++) {
                    keptNext[u] = ConnectionLocality.nonZero(next[u]);
                    for (int i = 0; i < Fixtures.D; i++) {
                        prunedNow[u][i] = fields[u][i] != 0 && next[u][i] == 0;
                    }
                }
                assertEquals(cavity.meanDelta(prunedNow), record.cavityPruned(), 1e-12);
                assertEquals(cavity.meanDelta(keptNext), record.cavityKept(), 1e-12);
            } else {
                assertTrue(Double.isNaN(record.cavityPruned()) && Double.isNaN(record.cavityKept()));
            }
        }
        // the last phase is not rewound: its accuracy and loss are the final network's
        PruningRoundRecord last = records.get(ROUNDS);
        assertEquals(IterativeMagnitudePruning.accuracy(net.output(heldOut.getFeatures()), heldOut.getLabels()),
                last.accuracy(), 0);
        assertEquals(net.score(heldOut), last.loss(), 1e-15);
        assertArrayEquals(ExcessKurtosis.CENTRAL.perColumn(heldOut.getFeatures().mmul(net.getParam("0_W"))),
                last.preActivationKurtosis(), 1e-12);
    }

    @Test
    void oneShotPrunesOnceToTheFinalSparsityFromTheSameStart() {
        IterativeMagnitudePruning pruning = builder().snapshotWeights(false).build();
        PruningExperiment.Result result = new PruningExperiment(() -> Fixtures.network(0.5),
                () -> Fixtures.data(20, 100, 3), pruning).run();
        List<PruningRoundRecord> imp = result.iterative();
        List<PruningRoundRecord> oneShot = result.oneShot();
        assertEquals(ROUNDS + 1, imp.size());
        assertEquals(2, oneShot.size());
        assertTrue(oneShot.get(0).oneShot() && !imp.get(0).oneShot());
        assertNull(oneShot.get(0).receptiveFields());
        // the dense phase is the same run in both protocols
        assertEquals(imp.get(0).loss(), oneShot.get(0).loss(), 0);
        assertArrayEquals(imp.get(0).ipr(), oneShot.get(0).ipr(), 0);
        assertEquals(0, oneShot.get(0).sparsity(), 0);
        double finalSparsity = 1 - Math.round(N * Math.pow(1 - RATE, ROUNDS)) / (double) N;
        assertEquals(finalSparsity, oneShot.get(0).sparsityAfterPruning(), 1e-15);
        assertEquals(finalSparsity, oneShot.get(1).sparsity(), 1e-15);
        assertEquals(imp.get(ROUNDS).sparsity(), oneShot.get(1).sparsity(), 0);
        assertEquals(1, oneShot.get(1).round());
        assertEquals(2L * STEPS, oneShot.get(1).steps());
        assertTrue(Double.isNaN(oneShot.get(1).cavityPruned()));
        assertFalse(pruning.oneShot(), "the experiment does not change the given settings");
    }

    @Test
    void aPrunedNetworkSavedWithItsMasksKeepsThemWhenRestoredAndTrained(@TempDir File dir) throws IOException {
        MultiLayerNetwork net = Fixtures.network(0.5);
        IterativeMagnitudePruning imp = builder().build();
        imp.run(net, Fixtures.data(20, 100, 4));
        File file = new File(dir, "ticket.zip");
        ModelSerializer.writeModel(net, file, true);
        imp.masks().writeTo(file);

        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        PruningMasks masks = PruningMasks.readFrom(file);
        assertEquals(imp.masks(), masks);
        assertTrue(masks.isSatisfiedBy(restored));
        assertEquals(net.output(heldOut().getFeatures()), restored.output(heldOut().getFeatures()));

        IterativeMagnitudePruning enforcer = builder().build();
        enforcer.attach(restored, masks);
        INDArray before = restored.params().dup();
        Probe probe = new Probe(enforcer);
        restored.addListeners(probe);
        restored.fit(Fixtures.data(20, 5, 5));
        assertEquals(5, probe.updates);
        assertNotEquals(before, restored.params(), "kept weights trained");
        assertTrue(masks.isSatisfiedBy(restored));
    }

    @Test
    void recordsRoundTripThroughJsonLines(@TempDir Path dir) {
        Path file = dir.resolve("imp.jsonl");
        JsonLinesRecordSink<PruningRoundRecord> sink = new JsonLinesRecordSink<>(file, false);
        List<PruningRoundRecord> records = builder().rounds(1).sink(sink).build().run(Fixtures.network(0.5),
                Fixtures.data(20, 100, 6));
        sink.close();
        List<PruningRoundRecord> back = JsonLinesRecordSink.read(file, PruningRoundRecord.class);
        assertEquals(records.size(), back.size());
        for (int r = 0; r < records.size(); r++) {
            assertEquals(records.get(r).toString(), back.get(r).toString());
            assertArrayEquals(records.get(r).receptiveFields(), back.get(r).receptiveFields());
            assertArrayEquals(records.get(r).span(), back.get(r).span());
        }
    }

    @Test
    void epochsPerRoundTrainWholeEpochsAndLateRewindMustBeReached() {
        DataModelDataSetIterator data = (DataModelDataSetIterator) Fixtures.data(20, 3, 7);
        List<PruningRoundRecord> records = builder().rounds(1).epochsPerRound(2).build()
                .run(Fixtures.network(0.5), data);
        assertEquals(List.of(6L, 12L), records.stream().map(PruningRoundRecord::steps).toList());
        assertEquals(12, data.position());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> builder().epochsPerRound(1)
                .rewindToStep(4).build().run(Fixtures.network(0.5), Fixtures.data(20, 3, 7)));
        assertEquals("rewindToStep 4 was not reached: the first round made only 3 updates", e.getMessage());
    }

    @Test
    void phasesTrainedByTheCallerKeepTheGuardFirstAndADivergenceEndsTheRun() {
        // the caller trains each phase with its own listeners: the guard first, IMP right after it
        MultiLayerNetwork net = Fixtures.network(0.5);
        InMemoryRecordSink<PruningRoundRecord> sink = new InMemoryRecordSink<>();
        IterativeMagnitudePruning imp = builder().sink(sink).build();
        DivergenceGuard guard = new DivergenceGuard();
        Probe probe = new Probe(imp);
        DataModelDataSetIterator data = (DataModelDataSetIterator) Fixtures.data(20, STEPS, 1);
        List<PruningRoundRecord> records = imp.run(net, (MultiLayerNetwork n, int phase) -> {
            n.setListeners(guard, imp, probe);
            n.fit(data);
        });
        assertEquals(List.of(guard, imp, probe), List.copyOf(net.getListeners()));
        assertEquals(ROUNDS + 1, records.size());
        assertEquals((ROUNDS + 1) * STEPS, probe.updates, "the masks held after every update (the probe checks)");
        // the same rounds as IMP's own training on the same stream
        List<PruningRoundRecord> own = builder().build().run(Fixtures.network(0.5), Fixtures.data(20, STEPS, 1));
        for (int r = 0; r <= ROUNDS; r++) {
            assertArrayEquals(own.get(r).receptiveFields(), records.get(r).receptiveFields(), "round " + r);
        }

        // a learning rate of 1e200 overflows in phase 0: the guard's exception ends the run
        MultiLayerNetwork diverging = Fixtures.network(1e200);
        InMemoryRecordSink<PruningRoundRecord> none = new InMemoryRecordSink<>();
        IterativeMagnitudePruning failing = builder().sink(none).build();
        DataSetIterator stream = Fixtures.data(20, STEPS, 1);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> failing.run(diverging, (MultiLayerNetwork n, int phase) -> {
                    n.setListeners(new DivergenceGuard(), failing);
                    n.fit(stream);
                }));
        assertTrue(e.step() <= STEPS, e.getMessage());
        assertEquals(0, none.size(), "no record of an unfinished phase");
    }

    /**
     * Rounds stop by themselves when nothing is left to prune: with p = 0.5 the 36 first-layer
     * weights keep round(36 / 2^r) = 18, 9, 5, 2, 1, 1 after 1..6 prunings, and a 7th would keep
     * round(0.28) = 0, so a billion requested rounds end after 6 prunings (7 records), with one
     * weight left and a finite IPR, instead of running on at sparsity 1 with NaN IPRs.
     */
    @Test
    void roundsStopWhenTheNextPruningWouldLeaveNoWeight() {
        List<PruningRoundRecord> records = builder().rate(0.5).rounds(1_000_000_000).build()
                .run(Fixtures.network(0.5), Fixtures.data(20, STEPS, 2));
        assertEquals(7, records.size());
        PruningRoundRecord last = records.get(6);
        assertEquals(1 - 1.0 / N, last.sparsity(), 1e-12);
        assertTrue(Double.isFinite(last.meanIpr()), last.toString());
    }

    /**
     * Pellegrini &amp; Biroli's rule: the rounds stop before a pruning that would leave at most the
     * given fraction of a pruned layer's K = 3 units connected; the last trained mask keeps more,
     * the next one (recomputed here from the final weights) would not, and the run says why. The
     * one-shot baseline ignores the rule (it prunes once, to the sparsity it is given).
     */
    @Test
    void roundsStopBeforeALayerWouldKeepTooFewConnectedUnits() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        IterativeMagnitudePruning imp = builder().rate(0.5).rounds(1_000_000_000).stopBelowConnectedUnits(0.5).build();
        List<PruningRoundRecord> records = imp.run(net, Fixtures.data(20, STEPS, 2));
        PruningRoundRecord last = records.get(records.size() - 1);
        long connected = Arrays.stream(last.keptInputs()).filter(n -> n > 0).count();
        assertTrue(connected > 0.5 * Fixtures.K, last.toString());
        PruningMasks next = imp.masks().prunedByMagnitude(net, imp.keepFraction(records.size()), false);
        assertTrue(next.connectedUnitFraction() <= 0.5, next.toString());
        assertTrue(imp.stopReason().startsWith("after " + (records.size() - 1) + " of 1000000000 prunings"),
                imp.stopReason());
        assertTrue(records.size() < 7, "stopped before the no-weight rule would (7 records): " + records.size());
        assertEquals(0.5, imp.stopBelowConnectedUnits());
        assertMessage("stopBelowConnectedUnits must be a fraction in [0, 1), got 1.0",
                () -> new IterativeMagnitudePruning.Builder().stopBelowConnectedUnits(1));
    }

    @Test
    void roundsPostedToAStatsStorageForTheDashboard() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        StatsStorageRecordSink posted = new StatsStorageRecordSink(storage, "session", "worker");
        List<PruningRoundRecord> records = builder().sink(posted).build().run(Fixtures.network(0.5),
                Fixtures.data(20, STEPS, 2));
        assertInstanceOf(RecordStaticInfo.class,
                storage.getStaticInfo("session", PruningRoundPersistable.TYPE_ID, "worker"));
        List<Persistable> updates = storage.getAllUpdatesAfter("session", PruningRoundPersistable.TYPE_ID, "worker",
                -1);
        assertEquals(records.size(), updates.size());
        for (int r = 0; r < records.size(); r++) {
            PruningRoundPersistable p = (PruningRoundPersistable) updates.get(r);
            assertEquals(r, p.round());
            assertEquals(records.get(r).steps(), p.iteration());
            assertEquals(records.get(r).sparsity(), p.sparsity());
            assertArrayEquals(records.get(r).ipr(), p.ipr());
        }
    }

    @Test
    void invalidSettingsAreRejectedNamingThem() {
        assertMessage("rate must be a fraction in (0, 1), got 1.0", () -> new IterativeMagnitudePruning.Builder().rate(1));
        assertMessage("rounds must be an integer >= 1, got 0", () -> new IterativeMagnitudePruning.Builder().rounds(0));
        assertMessage("heldOut must be a held-out DataSet (for the per-round measures), got null",
                () -> new IterativeMagnitudePruning.Builder().build());
        assertMessage("rewindToStep must be at most stepsPerRound = 4 (the rewind point is taken in the first round), got 5",
                () -> builder().rewindToStep(5).build());
        DataSet wide = Fixtures.data(10, 1, 1).next();
        wide.setFeatures(wide.getFeatures().getColumns(0, 1, 2));
        assertMessage("heldOut columns must be the input dimension of a masked dense first layer \"0_W\", got 3",
                () -> builder().heldOut(wide).build().run(Fixtures.network(0.5), Fixtures.data(10, 1, 1)));
        String text = builder().build().toString();
        assertTrue(text.startsWith("IterativeMagnitudePruning(iterative, rate=0.3, rounds=3, stepsPerRound=4, "
                + "scope=FIRST_LAYER, rewind=init, heldOut=200x12"), text);
    }

    private static void assertMessage(String expected, Executable action) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, action).getMessage());
    }
}
