package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayeredNetworkTest {
    private static final ShallowNetwork BASE = ShallowNetwork.builder(12).hiddenUnits(5).initScale(0.5).seed(3).build();

    @Test
    void oneLayerWithoutBatchNormIsTheShallowNetworkBitForBit() {
        LayeredNetwork one = new LayeredNetwork(BASE, 1, false);
        assertTrue(one.isShallow());
        assertEquals(BASE.configuration().toJson(), one.configuration().toJson());
        assertEquals(BASE.network().params(), one.network().params());
    }

    @Test
    void batchNormalizedLayersAreDenseThenBatchNormThenSigma() {
        MultiLayerNetwork net = new LayeredNetwork(BASE, 3, true).network();
        assertEquals(10, net.getnLayers());
        for (int l = 0; l < 3; l++) {
            assertInstanceOf(DenseLayer.class, net.getLayerWiseConfigurations().getConf(3 * l).getLayer());
            assertInstanceOf(BatchNormalization.class, net.getLayerWiseConfigurations().getConf(3 * l + 1).getLayer());
            assertInstanceOf(ActivationLayer.class, net.getLayerWiseConfigurations().getConf(3 * l + 2).getLayer());
        }
        // the first layer and the readout start as the shallow network's
        assertArrayEquals(ShallowNetworkParameters.receptiveFields(BASE.network()),
                LocalizationMetrics.receptiveFields(net.getParam("0_W")));
        assertEquals(Nd4j.ones(DataType.DOUBLE, 5, 1), net.getParam("9_W"));
        // deeper layers: drawn on their own streams, reproducibly
        INDArray w2 = net.getParam("3_W");
        assertNotEquals(w2, net.getParam("6_W"));
        assertEquals(w2, new LayeredNetwork(BASE, 3, true).network().getParam("3_W"));
    }

    @Test
    void trainsWithoutBatchNormToo() {
        MultiLayerNetwork net = new LayeredNetwork(BASE, 2, false).network();
        assertEquals(3, net.getnLayers());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 64, 12).subi(0.5);
        INDArray t = x.getColumn(0).gt(0).castTo(DataType.DOUBLE).reshape(64, 1);
        INDArray before = net.params().dup();
        double score = net.score(new DataSet(x, t));
        for (int i = 0; i < 20; i++) {
            net.fit(new DataSet(x, t));
        }
        assertNotEquals(before, net.params());
        assertTrue(net.score(new DataSet(x, t)) < score, "SGD lowers the training loss");
    }

    @Test
    void rejectsNoHiddenLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LayeredNetwork(BASE, 0, false));
        assertTrue(e.getMessage().contains("hiddenLayers"), e.getMessage());
    }
}
