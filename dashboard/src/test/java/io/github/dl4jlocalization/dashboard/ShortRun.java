package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.EffectiveReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.PruningRoundPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.RecordStaticInfo;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A short, seeded training that posts everything the dashboard shows into a stats storage: DL4J's
 * {@link StatsListener} plus receptive-field, kurtosis and effective-receptive-field records,
 * every {@value #EVERY} steps; and a small 2-D CNN whose effective fields are images.
 */
final class ShortRun {
    /** Input dimension D (a ring of L = D pixels). */
    static final int D = 40;
    /** Hidden units K. */
    static final int K = 8;
    /** Steps between records. */
    static final int EVERY = 5;
    /** Steps of the shared run of {@link #recorded()}. */
    static final int STEPS = 30;
    /** Session of the shared training run. */
    static final String SESSION = "short-run";
    /** Session of the shared pruning rounds. */
    static final String PRUNED = "pruned";
    /** Pruning rounds of {@link #recorded()}. */
    static final int ROUNDS = 6;
    /** Session of the 2-D CNN. */
    static final String IMAGE = "cnn-2d";
    /** Side L of the 2-D CNN's L x L input. */
    static final int SIDE = 8;
    /** Channels of the 2-D CNN's watched layer. */
    static final int CHANNELS = 2;
    private static InMemoryStatsStorage recorded;

    private ShortRun() {
    }

    /**
     * One in-memory storage shared by the test classes (made at the first call): session
     * {@link #SESSION} from {@code train(storage, SESSION, STEPS)} and session {@link #PRUNED} from
     * {@code pruningRounds(storage, PRUNED, ROUNDS)} and session {@link #IMAGE} from
     * {@code image(storage, IMAGE, STEPS)}; {@link #SESSION} is the newest.
     */
    static synchronized InMemoryStatsStorage recorded() {
        if (recorded == null) {
            InMemoryStatsStorage storage = new InMemoryStatsStorage();
            pruningRounds(storage, PRUNED, ROUNDS);
            image(storage, IMAGE, STEPS);
            train(storage, SESSION, STEPS);
            recorded = storage;
        }
        return recorded;
    }

    /**
     * Trains a ReLU SCM D -> K on NLGP(g=3) batches of 200 for {@code steps} SGD steps (lr 0.1)
     * with the listeners posting to {@code router} under {@code sessionId}, worker "0"; records
     * the initial weights too (step 0). {@code steps / EVERY + 1} receptive-field and
     * effective-receptive-field records (K units of layer 0), {@code steps / EVERY} kurtosis records.
     */
    static void train(StatsStorageRouter router, String sessionId, int steps) {
        MultiLayerNetwork net = ShallowNetwork.builder(D).hiddenUnits(K).activation(HiddenActivation.RELU)
                .initScale(1).learningRate(0.1).seed(3).build().network();
        INDArray heldOut = new NlgpDataSetIterator.Builder().gain(3).length(D).batchSize(500).batchesPerEpoch(1)
                .seed(99).build().next().getFeatures();
        StatsStorageRecordSink fields = new StatsStorageRecordSink(router, sessionId, "0");
        ReceptiveFieldListener recorder = new ReceptiveFieldListener(EVERY, fields);
        KurtosisListener kurtosis = new KurtosisListener.Builder(EVERY).heldOutBatch(heldOut).sink(fields).build();
        EffectiveReceptiveFieldListener effective = new EffectiveReceptiveFieldListener(EVERY, "0", heldOut, fields);
        net.setListeners(new StatsListener(router, EVERY, sessionId), recorder, kurtosis, effective);
        recorder.recordNow(net);
        effective.recordNow(net);
        net.fit(new NlgpDataSetIterator.Builder().gain(3).length(D).batchSize(200).batchesPerEpoch(steps)
                .seed(1).labelFormat(LabelFormat.REGRESSION).build(), 1);
    }

    /**
     * Trains a 2-D CNN (conv 3x3 Same, C channels, tanh; global average pooling; one output) on
     * NLGP(g=3) images of {@value #SIDE} x {@value #SIDE} for {@code steps} SGD steps with
     * effective-receptive-field records of its convolution every {@value #EVERY} steps and at
     * step 0, under {@code sessionId}: {@code steps / EVERY + 1} records of C units.
     */
    static void image(StatsStorageRouter router, String sessionId, int steps) {
        NlgpModel model = new NlgpModel(3, new ClassPair(0.3, 0.7), SIDE, 2, Support.SYMMETRIC);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4)
                .dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list(
                        new ConvolutionLayer.Builder(3, 3).nOut(CHANNELS).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH).build(),
                        new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                                .build())
                .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1)).build());
        net.init();
        INDArray heldOut = new DataModelDataSetIterator.Builder(model).batchSize(200).batchesPerEpoch(1).seed(98)
                .build().next().getFeatures();
        EffectiveReceptiveFieldListener effective = new EffectiveReceptiveFieldListener(EVERY, "layer0", heldOut,
                new StatsStorageRecordSink(router, sessionId, "0"));
        net.setListeners(effective);
        effective.recordNow(net);
        net.fit(new DataModelDataSetIterator.Builder(model).batchSize(100).batchesPerEpoch(steps).seed(2)
                .labelFormat(LabelFormat.REGRESSION).build(), 1);
    }

    /**
     * Posts {@code rounds} pruning rounds to a session of their own: round r keeps 0.8^r of the
     * weights, and the IPR of unit k grows with r (values made up for the page, not a training).
     */
    static void pruningRounds(StatsStorageRouter router, String sessionId, int rounds) {
        router.putStaticInfo(new RecordStaticInfo(sessionId, PruningRoundPersistable.TYPE_ID, "0", 1000));
        for (int r = 0; r < rounds; r++) {
            double[] ipr = new double[K];
            for (int k = 0; k < K; k++) {
                ipr[k] = Math.min(1, (1.5 + k * 0.25) / D * Math.pow(1.6, r));
            }
            router.putUpdate(new PruningRoundPersistable(sessionId, "0", 1000 + r, r, 100L * r,
                    1 - Math.pow(0.8, r), ipr));
        }
    }
}
