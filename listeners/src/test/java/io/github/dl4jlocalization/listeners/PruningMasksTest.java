package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.nn.LayeredNetwork;
import io.github.dl4jlocalization.nn.Readout;
import io.github.dl4jlocalization.nn.ShallowNetwork;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Magnitude pruning of masks: exact counts, ranking, layout, enforcement and the model-zip round trip. */
class PruningMasksTest {
    /** D x K = 12 x 3 first-layer weights. */
    private static final int N = Fixtures.D * Fixtures.K;

    /** Sets W[i, k] = value(i K + k) (flat row-major index), so magnitudes are known. */
    private static MultiLayerNetwork withWeights(IntToDoubleFunction value) {
        MultiLayerNetwork net = Fixtures.network(0.1);
        INDArray w = net.getParam("0_W");
        for (int i = 0; i < Fixtures.D; i++) {
            for (int k = 0; k < Fixtures.K; k++) {
                w.putScalar(i, k, value.applyAsDouble(i * Fixtures.K + k));
            }
        }
        return net;
    }

    @Test
    void keptCountFollowsTheScheduleExactlyAndPrunedWeightsStayPruned() {
        // |W| increases with the flat index, signs alternate
        MultiLayerNetwork net = withWeights(f -> (f % 2 == 0 ? 1 : -1) * (f + 1) * 0.01);
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W"));
        assertEquals(0, masks.sparsity(), 0);
        assertEquals(N, masks.size());
        // round(36 * 0.8^r), half up: 28.8, 23.04, 18.432, 14.7456, 11.79648
        long[] expected = {29, 23, 18, 15, 12};
        for (int r = 1; r <= expected.length; r++) {
            masks = masks.prunedByMagnitude(net, Math.pow(0.8, r), false);
            assertEquals(expected[r - 1], masks.keptCount());
            assertEquals(PruningMasks.keptTarget(N, Math.pow(0.8, r)), masks.keptCount());
            assertEquals(1 - expected[r - 1] / (double) N, masks.sparsity("0_W"), 1e-15);
            // the smallest magnitudes go first: exactly the top flat indices survive
            boolean[] kept = masks.kept("0_W");
            for (int f = 0; f < N; f++) {
                assertEquals(f >= N - expected[r - 1], kept[f], "r=" + r + " f=" + f);
            }
            // a pruned weight regrowing (e.g. without enforcement) is not resurrected by ranking
            net.getParam("0_W").putScalar(0, 0, 100);
        }
        assertEquals(1, PruningMasks.keptTarget(1, 0.5), "half up");
    }

    @Test
    void tiesArePrunedInFlatIndexOrder() {
        MultiLayerNetwork net = withWeights(f -> f < 6 ? 0.5 : 1);
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W")).prunedByMagnitude(net, 1 - 4.0 / N, false);
        boolean[] kept = masks.kept("0_W");
        for (int f = 0; f < N; f++) {
            assertEquals(f >= 4, kept[f], "f=" + f);
        }
    }

    @Test
    void keptColumnsAreTheUnitsInputs() {
        MultiLayerNetwork net = withWeights(f -> f == 7 ? 0.001 : 1);   // flat 7 = W[2, 1]: input 2 of unit 1
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W")).prunedByMagnitude(net, 1 - 1.0 / N, false);
        boolean[][] columns = masks.keptColumns("0_W");
        assertEquals(Fixtures.K, columns.length);
        assertEquals(Fixtures.D, columns[0].length);
        for (int k = 0; k < Fixtures.K; k++) {
            for (int i = 0; i < Fixtures.D; i++) {
                assertEquals(!(k == 1 && i == 2), columns[k][i]);
            }
        }
        assertFalse(masks.isSatisfiedBy(net));
        masks.applyTo(net);
        assertTrue(masks.isSatisfiedBy(net));
        assertEquals(0, net.getParam("0_W").getDouble(2, 1), 0);
        assertEquals(1, net.getParam("0_W").getDouble(2, 0), 0);
    }

    @Test
    void perLayerAndGlobalPoolsOfATwoLayerNetwork() {
        MultiLayerNetwork net = ShallowNetwork.builder(Fixtures.D).hiddenUnits(Fixtures.K).readout(Readout.TRAINED)
                .seed(1).build().network();
        assertEquals(List.of("0_W"), PruningScope.FIRST_LAYER.parameters(net));
        assertEquals(List.of("0_W", "1_W"), PruningScope.PER_LAYER.parameters(net));
        assertEquals(List.of("0_W"), PruningScope.GLOBAL.parameters(Fixtures.network(0.1)), "frozen readout excluded");
        // readout v ~ 1 is far larger than W ~ 0.03: a global threshold prunes only W
        PruningMasks dense = PruningMasks.dense(net, PruningScope.GLOBAL.parameters(net));
        PruningMasks global = dense.prunedByMagnitude(net, 0.5, true);
        assertEquals(Math.round((N + Fixtures.K) * 0.5), global.keptCount());
        assertEquals(Fixtures.K, global.keptCount("1_W"));
        PruningMasks perLayer = dense.prunedByMagnitude(net, 0.5, false);
        assertEquals(N / 2, perLayer.keptCount("0_W"));
        assertEquals(2, perLayer.keptCount("1_W"), "round(3 * 0.5) = 2");
        assertNotEquals(global, perLayer);
    }

    @Test
    void gradientMaskingZeroesThePrunedGradientEntries() {
        MultiLayerNetwork net = withWeights(f -> f == 5 ? 0.001 : 0.3);
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W")).prunedByMagnitude(net, 1 - 1.0 / N, false);
        net.setInput(Fixtures.data(10, 1, 1).next().getFeatures());
        net.setLabels(Nd4j.ones(10, 1));
        net.computeGradientAndScore();
        INDArray g = net.gradient().getGradientFor("0_W");
        assertNotEquals(0, g.getDouble(1, 2), "flat 5 = W[1, 2] has a gradient before masking");
        masks.maskGradient(net);
        assertEquals(0, g.getDouble(1, 2), 0);
        assertEquals(0, net.getGradientsViewArray().getDouble(5 / Fixtures.K + 5 % Fixtures.K * Fixtures.D), 0,
                "the flat gradient view (column-major W) is masked too");
    }

    @Test
    void masksTravelInTheModelZip(@TempDir File dir) throws IOException {
        MultiLayerNetwork net = withWeights(f -> f + 1);
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W")).prunedByMagnitude(net, 0.4, false);
        masks.applyTo(net);
        File file = new File(dir, "pruned.zip");
        ModelSerializer.writeModel(net, file, true);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> PruningMasks.readFrom(file));
        assertTrue(none.getMessage().startsWith("modelZip must be a model zip with pruning masks"), none.getMessage());
        masks.writeTo(file);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        PruningMasks back = PruningMasks.readFrom(file);
        assertEquals(masks, back);
        assertArrayEquals(masks.kept("0_W"), back.kept("0_W"));
        assertTrue(back.isSatisfiedBy(restored));
        assertEquals(net.params(), restored.params());
    }

    @Test
    void misfitsAreRejectedNamingThem() {
        MultiLayerNetwork net = Fixtures.network(0.1);
        PruningMasks masks = PruningMasks.dense(net, List.of("0_W"));
        MultiLayerNetwork other = ShallowNetwork.builder(5).build().network();
        assertEquals("shape of parameter 0_W must be the mask's [12, 3], got [5, 1]",
                assertThrows(IllegalArgumentException.class, () -> masks.requireFits(other)).getMessage());
        assertEquals("key must be a parameter of the model, one of [0_W, 1_W], got 2_W",
                assertThrows(IllegalArgumentException.class, () -> PruningMasks.dense(net, List.of("2_W"))).getMessage());
        assertEquals("keepFraction must be a fraction in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> masks.prunedByMagnitude(net, 0, false)).getMessage());
        assertEquals("key must be one of the masked parameters [0_W], got 1_W",
                assertThrows(IllegalArgumentException.class, () -> masks.kept("1_W")).getMessage());
        assertEquals("PruningMasks(0_W [12, 3]: kept 36/36, sparsity 0.0000)", masks.toString());
    }

    /** Units are the columns of a D x K matrix: a unit is connected while one of its inputs is kept. */
    @Test
    void connectedUnitFractionIsTheSmallestOverTheMatrices() {
        MultiLayerNetwork net = Fixtures.network(0.5);
        PruningMasks dense = PruningMasks.dense(net, List.of("0_W"));
        assertEquals(1.0, dense.connectedUnitFraction());
        // keep 2 of 36 weights: the two largest |w| lie in one or two of the 3 units' columns
        PruningMasks sparse = dense.prunedByMagnitude(net, 2.0 / 36, false);
        boolean[][] units = sparse.keptColumns("0_W");
        long connected = Arrays.stream(units).filter(u -> {
            for (boolean k : u) {
                if (k) {
                    return true;
                }
            }
            return false;
        }).count();
        assertEquals(connected / 3.0, sparse.connectedUnitFraction(), 1e-15);
        assertTrue(connected <= 2);
    }

    /** The hidden-layers scope prunes every trainable weight matrix but the output layer's. */
    @Test
    void hiddenLayersScopeLeavesTheOutputLayer() {
        MultiLayerNetwork net = new LayeredNetwork(ShallowNetwork.builder(6).hiddenUnits(4).readout(Readout.TRAINED)
                .build(), 3, true).network();
        assertEquals(List.of("0_W", "3_W", "6_W"), PruningScope.HIDDEN_LAYERS.parameters(net));
        assertEquals(List.of("0_W", "3_W", "6_W", "9_W"), PruningScope.PER_LAYER.parameters(net));
    }
}
