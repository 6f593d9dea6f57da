package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.datavec.DataModelRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.InvocationType;
import org.deeplearning4j.optimize.listeners.EvaluativeListener;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.regression.RegressionEvaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A DL4J user's standard classifier, a softmax {@code OutputLayer} with {@code nOut(2)} and
 * MCXENT, trains on every plugin iterator as built with its defaults, and on the DataVec reader
 * through DL4J's classification {@code RecordReaderDataSetIterator}.
 */
class StandardClassifierTest {
    private static final int BATCH = 20;
    private static final int BATCHES = 2;

    /** Every named iterator with its model's defaults, small batches (Ising: fewer sweeps). */
    private static Map<String, DataModelDataSetIterator> namedIterators() {
        Map<String, DataModelDataSetIterator> its = new LinkedHashMap<>();
        its.put("nlgp", new NlgpDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES).build());
        its.put("nlgp-clone", new NlgpCloneDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES).build());
        its.put("kur", new KurDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES).build());
        its.put("ising", new IsingDataSetIterator.Builder().sweeps(2).batchSize(BATCH).batchesPerEpoch(BATCHES).build());
        its.put("elliptical", new EllipticalDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES)
                .build());
        its.put("pulse", new PulseDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES).build());
        return its;
    }

    /** Dense(D -> 8, ReLU), softmax output with 2 units and MCXENT: a standard DL4J classifier. */
    private static MultiLayerNetwork classifier(int inputs, IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7).dataType(DataType.DOUBLE).updater(updater)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void assertTrainsAndEvaluates(String name, DataSetIterator it, int inputs) {
        MultiLayerNetwork net = classifier(inputs, new Adam(1e-2));
        INDArray before = net.params().dup();
        net.fit(it, 2);
        assertEquals(2 * BATCHES, net.getIterationCount(), name);
        assertTrue(Double.isFinite(net.score()), name + ": score " + net.score());
        assertNotEquals(before, net.params(), name);
        Evaluation evaluation = net.evaluate(it);
        assertEquals(BATCHES * BATCH, evaluation.getConfusion().getPredictedTotal(0)
                + evaluation.getConfusion().getPredictedTotal(1), name + ": every sample evaluated");
    }

    @Test
    void everyNamedIteratorFitsASoftmaxClassifierByDefault() {
        for (Map.Entry<String, DataModelDataSetIterator> e : namedIterators().entrySet()) {
            DataModelDataSetIterator it = e.getValue();
            assertEquals(LabelFormat.ONE_HOT, it.labelFormat(), e.getKey());
            assertEquals(2, it.totalOutcomes(), e.getKey());
            assertEquals(it.totalOutcomes(), it.getLabels().size(), e.getKey());
            assertTrainsAndEvaluates(e.getKey(), it, it.inputColumns());
        }
    }

    @Test
    void theDataVecReaderFitsASoftmaxClassifierThroughDl4jsClassificationIterator() {
        NlgpDataSetIterator model = new NlgpDataSetIterator.Builder().build();
        DataModelRecordReader reader = new DataModelRecordReader.Builder(model.model())
                .numRecords(BATCHES * BATCH).blockSize(BATCH).build();
        int inputs = model.inputColumns();
        DataSetIterator it = new RecordReaderDataSetIterator(reader, BATCH, inputs, reader.getLabels().size());
        assertTrainsAndEvaluates("datavec", it, inputs);
    }

    /**
     * DL4J's {@code EvaluativeListener} resets its iterator before each evaluation: over an ONLINE
     * iterator each evaluation sees new samples, over a FIXED one the same samples. The network
     * does not learn (learning rate 0), so only the data can change the evaluated loss.
     */
    @Test
    void evaluativeListenerSeesFreshDataOnlineAndTheSameDataFixed() {
        for (SamplingMode mode : SamplingMode.values()) {
            DataSetIterator test = new NlgpDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(BATCHES)
                    .seed(99).mode(mode).build();
            List<Double> losses = new ArrayList<>();
            MultiLayerNetwork net = classifier(test.inputColumns(), new Sgd(0));
            EvaluativeListener evaluate = new EvaluativeListener(test, 1, InvocationType.EPOCH_END,
                    new RegressionEvaluation(2));
            evaluate.setCallback((listener, model, invocation, evaluations) -> losses.add(
                    ((RegressionEvaluation) evaluations[0]).averageMeanSquaredError()));
            net.setListeners(evaluate);
            net.fit(new NlgpDataSetIterator.Builder().batchSize(BATCH).batchesPerEpoch(1).seed(1).build(), 3);
            assertEquals(3, losses.size(), mode.toString());
            if (mode == SamplingMode.FIXED) {
                assertEquals(losses.get(0), losses.get(1));
                assertEquals(losses.get(0), losses.get(2));
            } else {
                assertNotEquals(losses.get(0), losses.get(1));
                assertNotEquals(losses.get(1), losses.get(2));
            }
        }
    }
}
