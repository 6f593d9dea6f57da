package io.github.dl4jlocalization.dashboard;

import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.PruningRoundPersistable;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.RecordStaticInfo;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A short, seeded training that posts everything the dashboard shows into a stats storage: DL4J's
 * {@link StatsListener} plus receptive-field and kurtosis records, every {@value #EVERY} steps.
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
    private static InMemoryStatsStorage recorded;

    private ShortRun() {
    }

    /**
     * One in-memory storage shared by the test classes (made at the first call): session
     * {@link #SESSION} from {@code train(storage, SESSION, STEPS)} and session {@link #PRUNED} from
     * {@code pruningRounds(storage, PRUNED, ROUNDS)}.
     */
    static synchronized InMemoryStatsStorage recorded() {
        if (recorded == null) {
            InMemoryStatsStorage storage = new InMemoryStatsStorage();
            pruningRounds(storage, PRUNED, ROUNDS);
            train(storage, SESSION, STEPS);
            recorded = storage;
        }
        return recorded;
    }

    /**
     * Trains a ReLU SCM D -> K on NLGP(g=3) batches of 200 for {@code steps} SGD steps (lr 0.1)
     * with the listeners posting to {@code router} under {@code sessionId}, worker "0"; records
     * the initial weights too (step 0). {@code steps / EVERY + 1} receptive-field records,
     * {@code steps / EVERY} kurtosis records.
     */
    static void train(StatsStorageRouter router, String sessionId, int steps) {
        MultiLayerNetwork net = ShallowNetwork.builder(D).hiddenUnits(K).activation(HiddenActivation.RELU)
                .initScale(1).learningRate(0.1).seed(3).build().network();
        INDArray heldOut = new NlgpDataSetIterator.Builder().gain(3).length(D).batchSize(500).batchesPerEpoch(1)
                .seed(99).build().next().getFeatures();
        StatsStorageRecordSink fields = new StatsStorageRecordSink(router, sessionId, "0");
        ReceptiveFieldListener recorder = new ReceptiveFieldListener(EVERY, fields);
        KurtosisListener kurtosis = new KurtosisListener.Builder(EVERY).heldOutBatch(heldOut).sink(fields).build();
        net.setListeners(new StatsListener(router, EVERY, sessionId), recorder, kurtosis);
        recorder.recordNow(net);
        net.fit(new NlgpDataSetIterator.Builder().gain(3).length(D).batchSize(200).batchesPerEpoch(steps)
                .seed(1).labelFormat(LabelFormat.REGRESSION).build(), 1);
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
