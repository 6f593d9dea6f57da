package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.iterators.NlgpDataSetIterator;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.nn.HiddenActivation;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Small, seeded networks, data and records shared by the listener tests. */
final class Fixtures {
    /** Input dimension D of the test networks. */
    static final int D = 12;
    /** Hidden units K of the test networks. */
    static final int K = 3;

    private Fixtures() {
    }

    /** A ReLU SCM D -> K with learning rate {@code lr}, seed 7. */
    static MultiLayerNetwork network(double lr) {
        return ShallowNetwork.builder(D).hiddenUnits(K).activation(HiddenActivation.RELU)
                .initScale(0.1).learningRate(lr).seed(7).build().network();
    }

    /** NLGP(3) batches on a ring of D pixels with the scalar label of the SCM's one output. */
    static DataSetIterator data(int batchSize, int batchesPerEpoch, long seed) {
        return new NlgpDataSetIterator.Builder().gain(3).length(D).batchSize(batchSize)
                .batchesPerEpoch(batchesPerEpoch).seed(seed).labelFormat(LabelFormat.REGRESSION).build();
    }

    /** A hand-made record with K = 2 units, with or without weights. */
    static ReceptiveFieldRecord record(long iteration, boolean weights, long timestamp) {
        return new ReceptiveFieldRecord(iteration, 1, 0.25 + iteration, new double[] {0.5, Double.NaN},
                new SignedPeak[] {new SignedPeak(1, -1), new SignedPeak(0, 0)},
                weights ? new double[][] {{0.1, -0.9, 0.2}, {0, 0, 0}} : null, timestamp);
    }
}
