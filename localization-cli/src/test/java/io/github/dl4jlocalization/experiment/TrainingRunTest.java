package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.KurtosisPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one training run: its listener stack, the records it keeps, divergence, the stats it feeds. */
class TrainingRunTest {
    private static final RunConfig CONFIG = RunConfig.builder().data(java.util.Map.of("length", 12)).hidden(2)
            .batch(100).steps(10).recordEvery(4).evalSize(200).seed(3).build();

    @Test
    void theGuardIsFirstThenTheWeightChangersThenTheRecorders(@TempDir Path dir) {
        TrainingListener masks = new BaseTrainingListener() {
        };
        DataModel model = CONFIG.dataModel();
        TrainingRun run = TrainingRun.builder(4).listener(masks).heldOut(HeldOutBatch.of(CONFIG, model, 200))
                .metrics(0.1).stats(new InMemoryStatsStorage(), "s").checkpoints(dir, 5, 0, System.nanoTime(), null)
                .observer(new Experiment.Observer() {
                }, 10, Double.NaN).build();
        List<Class<?>> order = run.listeners().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(DivergenceGuard.class, masks.getClass(), ReceptiveFieldListener.class,
                MetricsListener.class, KurtosisListener.class, StatsListener.class, CheckpointListener.class,
                ProgressListener.class), order);
    }

    @Test
    void anyNetworkTrainsInOneFitAndTheLastStepIsRecorded() {
        // a plain DL4J network, not one of the papers': 12 -> 3 tanh -> 1 sigmoid, MSE
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list(
                        new DenseLayer.Builder().nIn(12).nOut(3).activation(Activation.TANH).build(),
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                                .activation(Activation.SIGMOID).build()).build());
        net.init();
        DataModel model = CONFIG.dataModel();
        TrainingRun run = TrainingRun.builder(4).heldOut(HeldOutBatch.of(CONFIG, model, 200)).metrics(0.1)
                .prefetch(false).build();
        run.recordNow(net);
        TrainingRun.Outcome outcome = run.fit(net, TrainingRun.batches(CONFIG, model, 0, 10));
        assertEquals(RunSummary.Status.COMPLETED, outcome.status());
        assertNull(outcome.divergence());
        assertEquals(10, outcome.steps());
        // records at 0, 4, 8 and the last step 10; the snapshot of step 10 is the final weights
        assertEquals(List.of(0L, 4L, 8L, 10L), run.fieldRecords().stream().map(ReceptiveFieldRecord::iteration).toList());
        assertEquals(List.of(0L, 4L, 8L, 10L), run.metricsRows().stream().map(MetricsRow::step).toList());
        double[][] last = run.fieldRecords().get(3).receptiveFields();
        assertEquals(LocalizationMetrics.receptiveFields(net.getParam("0_W"))[2][5], last[2][5]);
        MetricsRow row = run.metricsRows().get(3);
        assertEquals(outcome.lastLoss(), row.loss());
        assertEquals(10 * 0.1, row.time());
        assertTrue(Double.isNaN(run.metricsRows().get(0).loss()), "no training loss at step 0");
    }

    @Test
    void aDivergingFitStopsAtTheGuardBeforeAnyRecordOfTheStep() {
        RunConfig config = CONFIG.toBuilder().hidden(1).learningRate(1e8).steps(60).recordEvery(1).build();
        DataModel model = config.dataModel();
        MultiLayerNetwork net = config.network().network();
        TrainingRun run = TrainingRun.builder(1).heldOut(HeldOutBatch.of(config, model, 200)).metrics(1e8)
                .prefetch(true).build();
        run.recordNow(net);
        TrainingRun.Outcome outcome = run.fit(net, TrainingRun.batches(config, model, 0, 60));
        assertEquals(RunSummary.Status.DIVERGED, outcome.status());
        long step = outcome.steps();
        assertEquals(step, outcome.divergence().step());
        assertTrue(step > 1 && step < 60, "step " + step);
        assertTrue(outcome.divergence().getMessage().startsWith("Training diverged at step " + step), outcome.toString());
        assertTrue(!Double.isFinite(outcome.lastLoss()) || outcome.divergence().reason().startsWith("parameter"));
        // records of steps 0 .. step-1, all finite
        assertEquals(step, run.fieldRecords().size());
        assertEquals(step - 1, run.fieldRecords().get((int) step - 1).iteration());
        for (ReceptiveFieldRecord r : run.fieldRecords()) {
            for (double w : r.receptiveFields()[0]) {
                assertTrue(Double.isFinite(w), "step " + r.iteration());
            }
        }
    }

    @Test
    void statsGetReceptiveFieldsAndPerPixelInputKurtosisEveryRecord() {
        InMemoryStatsStorage storage = new InMemoryStatsStorage();
        DataModel model = CONFIG.dataModel();
        MultiLayerNetwork net = CONFIG.network().network();
        TrainingRun run = TrainingRun.builder(4).heldOut(HeldOutBatch.of(CONFIG, model, 200))
                .stats(storage, "session").prefetch(false).build();
        run.fit(net, TrainingRun.batches(CONFIG, model, 0, 10));
        List<Persistable> fields = storage.getAllUpdatesAfter("session", ReceptiveFieldPersistable.TYPE_ID, "0", -1);
        // 4, 8 on the schedule and the last step 10
        assertEquals(List.of(4L, 8L, 10L),
                fields.stream().map(p -> ((ReceptiveFieldPersistable) p).toRecord().iteration()).toList());
        List<Persistable> kurtosis = storage.getAllUpdatesAfter("session", KurtosisPersistable.TYPE_ID, "0", -1);
        assertEquals(2, kurtosis.size());
        for (Persistable p : kurtosis) {
            var record = ((KurtosisPersistable) p).toRecord();
            // the input marginals of the record step's batch of 100 (KurtosisListener's default), per pixel, and
            // the held-out pre-activations
            assertEquals(12, record.inputKurtosis().length);
            assertEquals(100, record.inputSamples());
            assertEquals(2, record.preActivationKurtosis().length);
        }
        assertTrue(storage.listTypeIDsForSession("session").contains(StatsListener.TYPE_ID), "DL4J's own statistics");
    }
}
