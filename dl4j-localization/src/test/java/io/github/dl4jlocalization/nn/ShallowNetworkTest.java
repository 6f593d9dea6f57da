package io.github.dl4jlocalization.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.File;
import java.io.IOException;
import java.util.SplittableRandom;

import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.hiddenBias;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.readout;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.readoutBias;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.receptiveFields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShallowNetworkTest {

    @Test
    void defaultsAreTheReluSingleNeuron() {
        ShallowNetwork n = ShallowNetwork.builder(10).build();
        assertEquals(1, n.hiddenUnits());
        assertEquals(HiddenActivation.RELU, n.activation());
        assertEquals(Bias.none(), n.bias());
        assertEquals(Readout.FROZEN, n.readout());
        assertEquals(0.001, n.initScale(), 0);
        assertEquals(0.1, n.learningRate(), 0);
        assertEquals(n, n.toBuilder().build());
        assertEquals("SCM(D=10, K=1, sigma=RELU, bias=none, initScale=0.001, lr=0.1, seed=0)", n.toString());
    }

    @Test
    void configurationIsPlainFloat64SgdWithMse() {
        ShallowNetwork spec = ShallowNetwork.builder(6).hiddenUnits(4).learningRate(0.3)
                .readout(Readout.TRAINED).bias(Bias.trainable()).build();
        MultiLayerConfiguration conf = spec.configuration();
        assertEquals(DataType.DOUBLE, conf.getDataType());
        for (NeuralNetConfiguration layer : conf.getConfs()) {
            BaseLayer l = (BaseLayer) layer.getLayer();
            assertEquals(new Sgd(0.3), l.getIUpdater());
            assertEquals(new Sgd(0.3), l.getBiasUpdater() == null ? l.getIUpdater() : l.getBiasUpdater());
            assertTrue(l.getRegularization().isEmpty() && l.getRegularizationBias().isEmpty(), "no regularisation");
            assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.None, l.getGradientNormalization());
            assertTrue(layer.isMiniBatch(), "gradients averaged over the minibatch");
        }
        OutputLayer out = (OutputLayer) conf.getConf(1).getLayer();
        assertEquals(new ActivationScaledIdentity(0.25), out.getActivationFn());
        assertEquals("LossMSE()", out.getLossFn().toString());
    }

    @Test
    void initialisationHasTheReferenceLaw() {
        int d = 400;
        int k = 100;
        double initScale = 0.01;
        ShallowNetwork spec = ShallowNetwork.builder(d).hiddenUnits(k).initScale(initScale)
                .readout(Readout.TRAINED).bias(Bias.trainable(-0.5)).seed(21).build();
        MultiLayerNetwork net = spec.network();
        double[][] w = receptiveFields(net);
        assertArrayEquals(spec.initialReceptiveFields(), w, "the network carries the seeded draw");

        double variance = initScale * 2 / (k + d);
        double std = Math.sqrt(variance) / 0.87962566103423978;
        assertMoments(flatten(w), 0, variance, std, "W");
        double[] v = readout(net);
        double[] dv = new double[k];
        for (int i = 0; i < k; i++) {
            dv[i] = v[i] - 1;
        }
        assertMoments(dv, 0, initScale * 2 / (k + 1), Math.sqrt(initScale * 2 / (k + 1)) / 0.87962566103423978, "v - 1");
        double[] b = new double[k];
        java.util.Arrays.fill(b, -0.5);
        assertArrayEquals(b, hiddenBias(net), 0);
        assertEquals(0, readoutBias(net), 0);
    }

    @Test
    void theSeedDeterminesTheInitialisation() {
        ShallowNetwork a = ShallowNetwork.builder(20).hiddenUnits(3).seed(1).build();
        assertEquals(a.network().params(), a.network().params());
        assertNotEquals(a.network().params(), a.toBuilder().seed(2).build().network().params());
    }

    @Test
    void configurationAloneInitialisesToTheSameFamily() {
        ShallowNetwork spec = ShallowNetwork.builder(8).hiddenUnits(3).bias(Bias.trainable(0.4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(spec.configuration());
        net.init();
        assertArrayEquals(new double[] {1, 1, 1}, readout(net), 0);
        assertArrayEquals(new double[] {0.4, 0.4, 0.4}, hiddenBias(net), 0);
    }

    @Test
    void fixedBiasAndFrozenReadoutSurviveSetLearningRate() {
        // setLearningRate would revive a readout frozen by Sgd(0); these freezes are structural
        MultiLayerNetwork net = ShallowNetwork.builder(4).hiddenUnits(2).activation(HiddenActivation.SIGMOID)
                .bias(Bias.fixed(-1)).initScale(1).build().network();
        double[][] w0 = receptiveFields(net);
        net.setLearningRate(0.5);
        SplittableRandom r = new SplittableRandom(4);
        INDArray x = Nd4j.create(new double[][] {{r.nextDouble(), -1, 0.5, 2}, {0.3, 0.1, -0.7, r.nextDouble()}});
        net.fit(x, Nd4j.create(new double[][] {{1}, {0}}));
        assertArrayEquals(new double[] {1, 1}, readout(net), 0);
        assertArrayEquals(new double[] {-1, -1}, hiddenBias(net), 0);
        assertFalse(java.util.Arrays.deepEquals(w0, receptiveFields(net)), "W is trained");
    }

    @Test
    void modelSerializerRoundTripKeepsActivationsParametersAndTraining(@TempDir File dir) throws IOException {
        ShallowNetwork[] specs = {
            ShallowNetwork.builder(5).hiddenUnits(3).activation(HiddenActivation.ERF).bias(Bias.fixed(-1))
                    .initScale(0.5).build(),
            ShallowNetwork.builder(5).hiddenUnits(3).activation(HiddenActivation.ERF).bias(Bias.trainable(0.3))
                    .readout(Readout.TRAINED).initScale(0.5).build()};
        INDArray x = Nd4j.create(new double[][] {{0.1, -0.4, 0.9, 0.2, -1}, {1, 0.5, -0.5, 0, 0.3}});
        INDArray y = Nd4j.create(new double[][] {{0}, {1}});
        for (ShallowNetwork spec : specs) {
            MultiLayerNetwork net = spec.network();
            File file = new File(dir, spec.readout() + ".zip");
            ModelSerializer.writeModel(net, file, true);
            MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);

            assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
            DenseLayer hidden = (DenseLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer();
            OutputLayer out;
            if (spec.readout() == Readout.FROZEN) {
                assertEquals(new ActivationShifted(new ActivationErf(), -1), hidden.getActivationFn());
                FrozenLayerWithBackprop frozen = assertInstanceOf(FrozenLayerWithBackprop.class,
                        restored.getLayerWiseConfigurations().getConf(1).getLayer());
                out = (OutputLayer) frozen.getUnderlying();
            } else {
                assertEquals(new ActivationErf(), hidden.getActivationFn());
                out = (OutputLayer) restored.getLayerWiseConfigurations().getConf(1).getLayer();
            }
            assertEquals(new ActivationScaledIdentity(1.0 / 3), out.getActivationFn());
            assertEquals(net.params(), restored.params());
            assertEquals(net.output(x), restored.output(x));

            net.fit(x, y);
            restored.fit(x, y);
            assertEquals(net.params(), restored.params(), "the restored network trains identically");
            assertArrayEquals(spec.bias().kind() == Bias.Kind.FIXED ? new double[] {-1, -1, -1} : hiddenBias(net),
                    hiddenBias(restored), 0);
        }
    }

    @Test
    void parameterHelpersRoundTripForASingleNeuron() {
        MultiLayerNetwork net = ShallowNetwork.builder(3).readout(Readout.TRAINED).bias(Bias.trainable()).build()
                .network();
        ShallowNetworkParameters.setReceptiveFields(net, new double[][] {{1, 2, 3}});
        ShallowNetworkParameters.setHiddenBias(net, new double[] {0.5});
        ShallowNetworkParameters.setReadout(net, new double[] {-2});
        ShallowNetworkParameters.setReadoutBias(net, 0.25);
        assertArrayEquals(new double[][] {{1, 2, 3}}, receptiveFields(net));
        assertArrayEquals(new double[] {0.5}, hiddenBias(net), 0);
        assertArrayEquals(new double[] {-2}, readout(net), 0);
        assertEquals(0.25, readoutBias(net), 0);
        assertEquals((-2 * Math.max(0, 1 - 2 * 0.5 + 3 * 0.25 + 0.5) + 0.25) / 1,
                net.output(Nd4j.create(new double[][] {{1, -0.5, 0.25}})).getDouble(0), 1e-15);
    }

    @Test
    void parameterHelpersRejectMisfitsNamingThem() {
        MultiLayerNetwork scm = ShallowNetwork.builder(3).hiddenUnits(2).build().network();
        assertMessage("receptiveFields.length must be the number of hidden units 2, got 1",
                () -> ShallowNetworkParameters.setReceptiveFields(scm, new double[][] {{1, 2, 3}}));
        assertMessage("receptiveFields[1].length must be exactly 3, got 2",
                () -> ShallowNetworkParameters.setReceptiveFields(scm, new double[][] {{1, 2, 3}, {1, 2}}));
        assertMessage("readout[0] must be a finite number, got NaN",
                () -> ShallowNetworkParameters.setReadout(scm, new double[] {Double.NaN, 1}));
        assertMessage("net must be a network with a TRAINABLE hidden bias, got a network whose hidden bias is absent or fixed",
                () -> ShallowNetworkParameters.setHiddenBias(scm, new double[] {0, 0}));
        assertMessage("net must be a network with a TRAINED readout, got a network without readout bias",
                () -> ShallowNetworkParameters.setReadoutBias(scm, 0));

        MultiLayerNetwork other = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list(
                new OutputLayer.Builder().nIn(3).nOut(2).build()).build());
        other.init();
        assertThrows(IllegalArgumentException.class, () -> receptiveFields(other));
    }

    @Test
    void badSettingsAreRejectedNamingTheParameter() {
        assertMessage("hiddenUnits must be an integer >= 1, got 0",
                () -> ShallowNetwork.builder(5).hiddenUnits(0).build());
        assertMessage("inputDimension must be an integer >= 1, got 0", () -> ShallowNetwork.builder(0).build());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertMessage("initScale must be a finite number > 0, got " + bad,
                    () -> ShallowNetwork.builder(5).initScale(bad).build());
            assertMessage("lr must be a finite number > 0, got " + bad,
                    () -> ShallowNetwork.builder(5).learningRate(bad).build());
        }
        assertMessage("activation must be given, got null", () -> ShallowNetwork.builder(5).activation(null).build());
        assertMessage("bias value must be a finite number, got NaN", () -> Bias.fixed(Double.NaN));
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    /**
     * Sample mean and mean square of {@code w} against a truncated normal of variance
     * {@code variance} (std {@code std} before truncation, support [-2 std, 2 std]): each within 5
     * standard errors, the SE of the mean square being sqrt((E w^4 - variance^2) / n) with
     * {@code E w^4 = std^4 m_4} ({@link TruncatedGlorotTest#truncatedMoment}).
     */
    private static void assertMoments(double[] w, double mean, double variance, double std, String name) {
        int n = w.length;
        double s1 = 0;
        double s2 = 0;
        for (double x : w) {
            assertTrue(Math.abs(x) <= 2 * std, name + " draw " + x + " beyond 2 std = " + 2 * std);
            s1 += x;
            s2 += x * x;
        }
        double m4 = Math.pow(std, 4) * TruncatedGlorotTest.truncatedMoment(4, 2);
        assertEquals(mean, s1 / n, 5 * Math.sqrt(variance / n), name + " mean");
        assertEquals(variance, s2 / n, 5 * Math.sqrt((m4 - variance * variance) / n), name + " variance");
    }

    private static double[] flatten(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
