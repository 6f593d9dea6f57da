package io.github.dl4jlocalization.iterators;

import io.github.dl4jlocalization.data.BatchSampler;
import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.LabelledBatch;
import io.github.dl4jlocalization.data.NlgpModel;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataModelDataSetIteratorTest {
    private static final int L = 16;
    private static final int B = 32;
    private static final NlgpModel MODEL = new NlgpModel(3, new ClassPair(0.3, 0.7), L);

    private static DataModelDataSetIterator.Builder builder() {
        return new DataModelDataSetIterator.Builder(MODEL).batchSize(B).batchesPerEpoch(4).seed(11);
    }

    /** Detached row-major copy (safe after the source's workspace is recycled). */
    static double[] flat(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }

    /** Features then labels of every batch left in the epoch, flattened. */
    private static List<double[]> drain(DataSetIterator it) {
        List<double[]> out = new ArrayList<>();
        while (it.hasNext()) {
            DataSet ds = it.next();
            out.add(flat(ds.getFeatures()));
            out.add(flat(ds.getLabels()));
        }
        return out;
    }

    private static void assertSameBatches(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "array " + i);
        }
    }

    /**
     * The papers' scalar target, chosen explicitly, is the sampler's stream itself: batch t's
     * features and labels are exactly {@code BatchSampler.sample(t)}'s (what this iterator has
     * always handed out in this format).
     */
    @Test
    void regressionLabelsAreTheSamplersBatchTBitForBit() {
        DataModelDataSetIterator it = builder().labelFormat(LabelFormat.REGRESSION).build();
        BatchSampler sampler = new BatchSampler(MODEL, 11);
        for (long t = 0; t < 4; t++) {
            DataSet ds = it.next();
            assertArrayEquals(new long[] {B, L}, ds.getFeatures().shape());
            assertArrayEquals(new long[] {B, 1}, ds.getLabels().shape());
            assertEquals(DataType.DOUBLE, ds.getFeatures().dataType());
            LabelledBatch expected = sampler.sample(t, B);
            assertArrayEquals(expected.features(), flat(ds.getFeatures()));
            double[] y = flat(ds.getLabels());
            for (int n = 0; n < B; n++) {
                assertEquals(expected.labels()[n], y[n]);
            }
        }
        assertEquals(1, it.totalOutcomes());
        assertEquals(List.of("0", "1"), it.getLabels());
    }

    /** By default labels are one-hot, as DL4J's own classification iterators emit them. */
    @Test
    void defaultLabelsAreOneHotRowsOfTheSamplersLabels() {
        DataModelDataSetIterator it = builder().build();
        assertEquals(LabelFormat.ONE_HOT, it.labelFormat());
        BatchSampler sampler = new BatchSampler(MODEL, 11);
        for (long t = 0; t < 4; t++) {
            DataSet ds = it.next();
            assertArrayEquals(new long[] {B, 2}, ds.getLabels().shape());
            LabelledBatch expected = sampler.sample(t, B);
            assertArrayEquals(expected.features(), flat(ds.getFeatures()));
            double[] y = flat(ds.getLabels());
            for (int n = 0; n < B; n++) {
                int label = expected.labels()[n];
                assertEquals(1 - label, y[2 * n], "row " + n);
                assertEquals(label, y[2 * n + 1], "row " + n);
            }
        }
        assertEquals(L, it.inputColumns());
        assertEquals(2, it.totalOutcomes());
        assertEquals(B, it.batch());
        assertEquals(List.of("0", "1"), it.getLabels());
        assertEquals(it.totalOutcomes(), it.getLabels().size());
        assertTrue(it.asyncSupported());
        assertTrue(it.resetSupported());
    }

    @Test
    void sameSeedGivesIdenticalBatchesAndDifferentSeedsDiffer() {
        List<double[]> a = drain(builder().build());
        assertSameBatches(a, drain(builder().build()));
        List<double[]> c = drain(builder().seed(12).build());
        for (int i = 0; i < a.size(); i += 2) {
            assertFalse(Arrays.equals(a.get(i), c.get(i)), "features of batch " + i / 2);
        }
    }

    @Test
    void onlineEpochsSeeFreshDataAtGlobalBatchIndices() {
        DataModelDataSetIterator it = builder().build();
        List<double[]> epoch0 = drain(it);
        assertEquals(4, it.position());
        assertThrows(NoSuchElementException.class, it::next);
        it.reset();
        assertEquals(4, it.position());
        List<double[]> epoch1 = drain(it);
        assertFalse(Arrays.equals(epoch0.get(0), epoch1.get(0)));
        // epoch 1 is global batches 4..7
        assertSameBatches(epoch1, drain(builder().startBatch(4).build()));
    }

    @Test
    void fixedEpochsAreIdentical() {
        DataModelDataSetIterator it = builder().mode(SamplingMode.FIXED).build();
        List<double[]> epoch0 = drain(it);
        it.reset();
        List<double[]> epoch1 = drain(it);
        assertSameBatches(epoch0, epoch1);
        assertEquals(8, it.position());
        // the fixed set is the first epoch of the online stream
        assertSameBatches(epoch0, drain(builder().build()));
    }

    @Test
    void startBatchResumesAtTheTthBatch() {
        for (SamplingMode mode : SamplingMode.values()) {
            DataModelDataSetIterator fresh = builder().mode(mode).build();
            List<double[]> all = new ArrayList<>();
            for (int epoch = 0; epoch < 3; epoch++) {
                all.addAll(drain(fresh));
                fresh.reset();
            }
            long t = 6; // mid epoch 1
            DataModelDataSetIterator resumed = builder().mode(mode).startBatch(t).build();
            assertEquals(t, resumed.position());
            resumed.reset(); // a reset before the first batch must not skip the resumed epoch
            List<double[]> rest = drain(resumed);
            assertEquals(2 * 2, rest.size(), mode + ": rest of epoch 1 is batches 6 and 7");
            resumed.reset();
            rest.addAll(drain(resumed));
            assertSameBatches(all.subList((int) (2 * t), all.size()), rest);
        }
    }

    @Test
    void resetMidEpochSkipsToTheNextEpoch() {
        DataModelDataSetIterator it = builder().build();
        it.next();
        it.reset();
        assertEquals(4, it.position());
        it.reset(); // nothing handed out in epoch 1 yet
        assertEquals(4, it.position());
        assertTrue(it.hasNext());
    }

    @Test
    void asyncPrefetchGivesTheSameBatchesBitForBit() {
        Supplier<DataModelDataSetIterator> make = () -> builder().batchesPerEpoch(6).build();
        DataModelDataSetIterator sync = make.get();
        List<double[]> expected = drain(sync);
        sync.reset();
        expected.addAll(drain(sync));

        AsyncDataSetIterator async = new AsyncDataSetIterator(make.get(), 3);
        try {
            List<double[]> actual = drain(async);
            async.reset();
            actual.addAll(drain(async));
            assertSameBatches(expected, actual);
        } finally {
            async.shutdown();
        }
    }

    @Test
    void floatDataTypeRoundsTheDoubleBatch() {
        DataSet d = builder().build().next();
        DataSet f = builder().dataType(DataType.FLOAT).build().next();
        assertEquals(DataType.FLOAT, f.getFeatures().dataType());
        assertEquals(DataType.FLOAT, f.getLabels().dataType());
        assertEquals(d.getFeatures().castTo(DataType.FLOAT), f.getFeatures());
        assertEquals(d.getLabels().castTo(DataType.FLOAT), f.getLabels());
    }

    @Test
    void oneHotLabelsEncodeTheRegressionTarget() {
        DataModelDataSetIterator oneHot = builder().labelFormat(LabelFormat.ONE_HOT).build();
        assertEquals(2, oneHot.totalOutcomes());
        DataSet h = oneHot.next();
        DataSet r = builder().labelFormat(LabelFormat.REGRESSION).build().next();
        assertEquals(r.getFeatures(), h.getFeatures());
        assertArrayEquals(new long[] {B, 2}, h.getLabels().shape());
        INDArray y = r.getLabels();
        assertEquals(y, h.getLabels().getColumn(1, true));
        assertEquals(y.rsub(1), h.getLabels().getColumn(0, true));
        assertEquals(Nd4j.ones(DataType.DOUBLE, B), h.getLabels().sum(1));
        assertEquals(y.castTo(DataType.INT64).reshape(B), h.getLabels().argMax(1));
    }

    @Test
    void preprocessorIsAppliedInNext() {
        NormalizerStandardize norm = new NormalizerStandardize();
        norm.fit(builder().mode(SamplingMode.FIXED).build());
        DataSet raw = builder().build().next();
        INDArray expected = raw.getFeatures().subRowVector(norm.getMean()).divRowVector(norm.getStd());

        DataSet viaBuilder = builder().preProcessor(norm).build().next();
        assertEquals(expected, viaBuilder.getFeatures());
        assertEquals(raw.getLabels(), viaBuilder.getLabels());

        DataModelDataSetIterator it = builder().build();
        it.setPreProcessor(norm);
        assertSame(norm, it.getPreProcessor());
        assertEquals(expected, it.next().getFeatures());
    }

    @Test
    void nextWithOtherSizeDrawsBatchTAtThatSize() {
        DataModelDataSetIterator it = builder().build();
        it.next();
        DataSet ds = it.next(5);
        assertArrayEquals(new long[] {5, L}, ds.getFeatures().shape());
        assertArrayEquals(new BatchSampler(MODEL, 11).sample(1, 5).features(), flat(ds.getFeatures()));
        assertEquals(2, it.position());
        assertEquals("num must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> it.next(0)).getMessage());
    }

    /** The papers' kind of network: one identity output, MSE against the scalar target. */
    @Test
    void oneOutputMseNetworkFitsOnRegressionLabels() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.DOUBLE).updater(new Sgd(0.05))
                .list()
                .layer(new DenseLayer.Builder().nIn(L).nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray before = net.params().dup();
        DataModelDataSetIterator it = builder().labelFormat(LabelFormat.REGRESSION).build();
        net.fit(it, 2);
        assertEquals(8, net.getIterationCount());
        assertEquals(8, it.position(), "two epochs of four batches, drawn through DL4J's prefetch");
        assertTrue(Double.isFinite(net.score()));
        assertNotEquals(before, net.params());
    }

    @Test
    void survivesJavaSerialisationMidRun() throws Exception {
        DataModelDataSetIterator it = builder().build();
        it.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(it);
        }
        DataModelDataSetIterator copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (DataModelDataSetIterator) in.readObject();
        }
        assertSameBatches(drain(it), drain(copy));
    }

    @Test
    void invalidOptionsNameTheParameter() {
        assertEquals("batchSize must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> builder().batchSize(0).build()).getMessage());
        assertEquals("batchesPerEpoch must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> builder().batchesPerEpoch(0).build())
                        .getMessage());
        assertEquals("startBatch must be an integer >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> builder().startBatch(-1).build()).getMessage());
        assertEquals("model must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> new DataModelDataSetIterator.Builder(null))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder().dataType(DataType.INT32).build())
                .getMessage().startsWith("dataType must be a floating-point type"));
        assertEquals("mode must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> builder().mode(null).build()).getMessage());
    }
}
