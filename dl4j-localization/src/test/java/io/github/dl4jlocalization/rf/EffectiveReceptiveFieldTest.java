package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The effective receptive field by DL4J's backpropagation: the kernel itself for a single
 * convolution; a dense unit's weights; inside the theoretical region and reaching its edges for
 * generic weights, on every stack of {@link Stacks}; equal to finite differences of the forward
 * pass where DL4J's own backpropagation would be wrong in inference mode (batch normalisation,
 * dropout) and through a graph.
 */
class EffectiveReceptiveFieldTest {

    /** A seeded batch of standard normals of {@code shape}. */
    private static INDArray batch(long seed, long... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        double[] x = new double[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        return Nd4j.create(x, shape, 'c');
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void aSingleConvolutionsFieldIsItsKernel() {
        MultiLayerNetwork net = network(Stacks.singleConvolution());
        double[] kernel = net.getParam("0_W").data().asDouble();   // one input, one output channel: taps in order
        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.at("layer0", 0, 7),
                batch(1, 4, 1, 20));
        double[] expected = new double[20];
        System.arraycopy(kernel, 0, expected, 7, 5);
        assertArrayEquals(expected, erf.mean(), 1e-15);
        assertArrayEquals(Arrays.stream(expected).map(Math::abs).toArray(), erf.meanAbsolute(), 1e-15);
        assertEquals(LocalizationMetrics.ipr(kernel), erf.statistics().ipr(), 1e-15);
        assertEquals(4, erf.examples());
    }

    @Test
    void aSingleImageConvolutionsFieldIsItsKernel() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE)
                .weightInit(new NormalDistribution(0, 1)).list(new ConvolutionLayer.Builder(3, 3).nOut(1)
                        .activation(Activation.IDENTITY).hasBias(false).build())
                .setInputType(InputType.convolutional(6, 6, 1)).build();
        MultiLayerNetwork net = network(conf);
        double[] kernel = net.getParam("0_W").data().asDouble();   // [1, 1, 3, 3], row-major taps
        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", 0),
                batch(2, 3, 1, 6, 6));
        assertArrayEquals(new long[] {1, 1}, erf.unit().position(), "the centre of the 4 x 4 map");
        double[] expected = new double[36];
        for (int y = 0; y < 3; y++) {
            System.arraycopy(kernel, 3 * y, expected, 6 * (1 + y) + 1, 3);
        }
        assertArrayEquals(expected, erf.mean(), 1e-15);
    }

    @Test
    void aCircularFiltersFieldIsItsFilterWrappedAroundTheRing() {
        MultiLayerNetwork net = network(Stacks.circular());
        double[] filter = ConvolutionalNetwork.filters(net)[1];
        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.at("layer0", 1, 35),
                batch(3, 50, 40));
        double[] field = erf.mean();
        // d tanh(h_35) / d x_{(35 + m) mod 40} = f_m tanh'(h_35): the filter times one batch mean
        double scale = field[35] / filter[0];
        for (int m = 0; m < filter.length; m++) {
            assertEquals(scale * filter[m], field[(35 + m) % 40], 1e-14, "tap " + m);
        }
        for (int i = 5; i < 35; i++) {
            assertEquals(0, field[i], "outside the filter: site " + i);
        }
        FieldStatistics s = erf.statistics();
        assertEquals(LocalizationMetrics.ipr(filter), s.ipr(), 1e-12);
        assertEquals(39.5, s.centre()[0], 2.5, "circular centre of sites 35..39, 0..4, near the boundary");
    }

    @Test
    void aDenseUnitsFieldIsItsWeightsOverTheWholeInput() {
        MultiLayerNetwork net = network(Stacks.dense());
        double[] weights = LocalizationMetrics.receptiveFields(net.getParam("0_W"))[3];
        EffectiveReceptiveField first = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", 3),
                batch(4, 64, 40));
        double scale = first.mean()[0] / weights[0];
        for (int i = 0; i < 40; i++) {
            assertEquals(scale * weights[i], first.mean()[i], 1e-14);
        }
        assertEquals(LocalizationMetrics.ipr(weights), first.statistics().ipr(), 1e-12);
        assertEquals(40, first.support().length);
        EffectiveReceptiveField second = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer1", 0),
                batch(5, 64, 40));
        assertEquals(40, second.support().length, "a second dense layer: the full field");
    }

    /**
     * Each stack, its input batch shape, a layer, units on it, and whether to check the gradient
     * against finite differences (not for the 784-site image, or twice for the same graph: seconds
     * of forward passes that the other rows cover).
     */
    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("single convolution", (Object) Stacks.singleConvolution(), new long[] {3, 1, 20}, "layer0",
                        List.of(new long[] {0}, new long[] {7}, new long[] {15}), true),
                Arguments.of("dilation and stride", Stacks.dilatedStrided(), new long[] {3, 1, 40}, "layer2",
                        List.of(new long[] {0}, new long[] {5}, new long[] {12}), true),
                Arguments.of("two Same convolutions with pooling", Stacks.sameModeImage(), new long[] {3, 784},
                        "layer3", List.of(new long[] {3, 3}, new long[] {0, 0}, new long[] {6, 2}), false),
                Arguments.of("two Same convolutions", Stacks.sameModeImage(), new long[] {3, 784}, "layer2",
                        List.of(new long[] {7, 7}, new long[] {0, 13}), false),
                Arguments.of("circular padding", Stacks.circular(), new long[] {3, 40}, "layer0",
                        List.of(new long[] {0}, new long[] {20}, new long[] {35}), true),
                Arguments.of("two causal convolutions", Stacks.causal(), new long[] {3, 1, 24}, "layer1",
                        List.of(new long[] {1}, new long[] {12}), true),
                Arguments.of("causal dilated", Stacks.causal(), new long[] {3, 1, 24}, "layer2",
                        List.of(new long[] {2}, new long[] {10}, new long[] {23}), true),
                Arguments.of("upsampling", Stacks.upsampled(), new long[] {3, 1, 21}, "layer2",
                        List.of(new long[] {0}, new long[] {4}, new long[] {5}, new long[] {18}), true),
                Arguments.of("zero padding and cropping", Stacks.paddedCropped(), new long[] {3, 1, 12, 12}, "layer3",
                        List.of(new long[] {0, 5}, new long[] {9, 9}, new long[] {4, 4}), true),
                Arguments.of("strided average pooling", Stacks.pooled1d(), new long[] {3, 1, 30}, "layer1",
                        List.of(new long[] {0}, new long[] {2}, new long[] {8}), true),
                Arguments.of("graph with merge and add", Stacks.inception(), new long[] {3, 1, 16, 16}, "add",
                        List.of(new long[] {8, 8}, new long[] {0, 15}), true),
                Arguments.of("graph: after the merge", Stacks.inception(), new long[] {3, 1, 16, 16}, "merge",
                        List.of(new long[] {8, 8}), false));
    }

    /**
     * The gradient's support lies inside the theoretical region, and reaches the first and last
     * site of every run of the region along each axis (generic weights); and for one input it
     * equals finite differences of DL4J's forward pass (tolerance: see
     * {@link #batchNormalisationAndDropoutAreDifferentiatedInInferenceMode}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void theGradientsSupportFillsTheTheoreticalRegion(String name, Object conf, long[] inputShape, String layer,
                                                      List<long[]> positions, boolean finiteDifferences) {
        Model net = conf instanceof MultiLayerConfiguration m ? network(m)
                : graph((ComputationGraphConfiguration) conf);
        INDArray x = batch(6, inputShape);
        TheoreticalReceptiveField rf = EffectiveReceptiveField.fieldsFor(net, x);
        long[] shape = rf.input().shape();
        for (long[] p : positions) {
            InputRegion region = rf.region(layer, p);
            EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, rf,
                    NetworkUnit.at(layer, NetworkUnit.ALL_CHANNELS, p), x);
            List<List<Long>> seen = new ArrayList<>();
            for (int a = 0; a < shape.length; a++) {
                seen.add(new ArrayList<>());
            }
            for (int site : erf.support()) {
                long[] at = position(site, shape);
                assertTrue(region.contains(at), name + " " + Arrays.toString(p) + ": site " + Arrays.toString(at)
                        + " outside " + region);
                for (int a = 0; a < shape.length; a++) {
                    seen.get(a).add(at[a]);
                }
            }
            for (int a = 0; a < shape.length; a++) {
                for (Interval run : region.runs(a)) {
                    assertTrue(seen.get(a).contains(run.first()) && seen.get(a).contains(run.last()),
                            name + " " + Arrays.toString(p) + ": the gradient does not reach the ends of " + run
                                    + " on axis " + a + " of " + region);
                }
            }
        }
        if (!finiteDifferences) {
            return;
        }
        long[] p = positions.get(0);
        INDArray one = batch(7, inputShape).get(NDArrayIndex.interval(0, 1));
        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, rf, NetworkUnit.at(layer, 0, p), one);
        assertArrayEquals(finiteDifferences(one, in -> activation(net, rf, layer, in, p)), erf.mean(), 1e-8, name);
    }

    /** Channel 0 at {@code p} of {@code layer}'s inference-mode activations of one input. */
    private static double activation(Model net, TheoreticalReceptiveField rf, String layer, INDArray in, long[] p) {
        INDArray a = net instanceof MultiLayerNetwork m
                ? m.feedForwardToLayer(rf.layers().indexOf(rf.layer(layer)) - 1, in, false)
                .get(rf.layers().indexOf(rf.layer(layer)))
                : ((ComputationGraph) net).feedForward(in, false).get(layer);
        long[] at = new long[a.rank()];
        System.arraycopy(p, 0, at, 2, p.length);
        return a.getDouble(at);
    }

    private static ComputationGraph graph(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    private static long[] position(int site, long[] shape) {
        long[] at = new long[shape.length];
        long rest = site;
        for (int a = shape.length - 1; a >= 0; a--) {
            at[a] = rest % shape[a];
            rest /= shape[a];
        }
        return at;
    }

    /**
     * Batch normalisation (after training steps, so its statistics are not the defaults) and
     * dropout between two convolutions: the field of one input equals finite differences of DL4J's
     * inference-mode forward pass (five-point stencil, step h = 1e-3: truncation error
     * O(h^4 |y^(5)|) ~ 1e-12 |y^(5)|, rounding ~ 1e-16 |y| / h ~ 1e-13, so 1e-8 bounds both for the
     * smooth tanh networks here, whose derivatives are of order 1-100).
     */
    @Test
    void batchNormalisationAndDropoutAreDifferentiatedInInferenceMode() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE)
                .weightInit(new NormalDistribution(0, 0.5)).list(
                        new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.IDENTITY).build(),
                        new BatchNormalization.Builder().build(),
                        new DropoutLayer.Builder(0.5).build(),
                        new ActivationLayer.Builder().activation(Activation.TANH).build(),
                        new ConvolutionLayer.Builder(3, 3).nOut(2).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.TANH).dropOut(0.7).build(),
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                                .build())
                .setInputType(InputType.convolutionalFlat(7, 7, 1)).build();
        MultiLayerNetwork net = network(conf);
        for (int step = 0; step < 5; step++) {
            net.fit(batch(20 + step, 16, 49).muli(2).addi(0.5), batch(30 + step, 16, 1));
        }
        INDArray x = batch(40, 1, 49);
        EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.at("layer4", 1, 3, 2), x);
        double[] numeric = finiteDifferences(x, in -> net.feedForwardToLayer(4, in, false).get(5)
                .getDouble(0, 1, 3, 2));
        assertArrayEquals(numeric, erf.mean(), 1e-8);
        assertTrue(erf.support().length > 20, "a 5 x 5 field");
    }

    /**
     * Five-point finite differences {@code (-y(x+2h) + 8y(x+h) - 8y(x-h) + y(x-2h)) / 12h} of
     * {@code y} at every element of the one-example input {@code x}.
     */
    private static double[] finiteDifferences(INDArray x, Function<INDArray, Double> y) {
        double h = 1e-3;
        double[] g = new double[(int) x.length()];
        for (int i = 0; i < g.length; i++) {
            g[i] = (-y.apply(shifted(x, i, 2 * h)) + 8 * y.apply(shifted(x, i, h)) - 8 * y.apply(shifted(x, i, -h))
                    + y.apply(shifted(x, i, -2 * h))) / (12 * h);
        }
        return g;
    }

    private static INDArray shifted(INDArray x, int element, double by) {
        INDArray s = x.dup('c');
        s.data().put(element, s.data().getDouble(element) + by);
        return s;
    }

    @Test
    void theTrainingGradientAndTheLayersAreLeftAsTheyWere() {
        MultiLayerNetwork net = network(Stacks.circular());
        net.fit(batch(50, 32, 40), batch(51, 32, 1));
        INDArray gradient = net.getGradientsViewArray().dup();
        INDArray params = net.params().dup();
        EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", 0), batch(52, 16, 40));
        assertEquals(gradient, net.getGradientsViewArray());
        assertEquals(params, net.params());
        assertEquals(null, net.getLayer(0).input(), "stored inputs cleared");
    }

    @Test
    void outputLayersChannelsAndPositionsOffTheMapAreRejectedByName() {
        MultiLayerNetwork net = network(Stacks.circular());
        INDArray x = batch(60, 4, 40);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EffectiveReceptiveField.of(net, NetworkUnit.centre("layer2", 0), x)).getMessage()
                .contains("a hidden layer"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", 3), x)).getMessage()
                .startsWith("channel must be in [0, 2]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> EffectiveReceptiveField.of(net, NetworkUnit.at("layer0", 0, 40), x)).getMessage()
                .startsWith("position[0]"));
        assertThrows(IllegalArgumentException.class,
                () -> EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", 0), batch(61, 4, 39)));
    }

    @Test
    void unitsOfOneForwardPassEqualUnitsComputedOneByOne() {
        for (Model net : List.of(network(Stacks.circular()), graph(Stacks.inception()))) {
            INDArray x = net instanceof MultiLayerNetwork ? batch(80, 6, 40) : batch(81, 6, 1, 16, 16);
            TheoreticalReceptiveField rf = EffectiveReceptiveField.fieldsFor(net, x);
            String layer = net instanceof MultiLayerNetwork ? "layer0" : "add";
            List<NetworkUnit> units = List.of(NetworkUnit.centre(layer, 0), NetworkUnit.centre(layer, 1),
                    NetworkUnit.at(layer, NetworkUnit.ALL_CHANNELS, rf.centre(layer)));
            List<EffectiveReceptiveField> together = EffectiveReceptiveField.of(net, rf, units, x);
            for (int k = 0; k < units.size(); k++) {
                assertEquals(EffectiveReceptiveField.of(net, rf, units.get(k), x), together.get(k), units.get(k) + "");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> EffectiveReceptiveField.of(network(Stacks.dense()),
                TheoreticalReceptiveField.of(Stacks.dense()), List.of(NetworkUnit.centre("layer0", 0),
                        NetworkUnit.centre("layer1", 0)), batch(82, 4, 40)));
    }

    @Test
    void everyChannelTogetherIsTheSumOfTheChannels() {
        MultiLayerNetwork net = network(Stacks.circular());
        INDArray x = batch(70, 8, 40);
        double[] sum = new double[40];
        for (int c = 0; c < 3; c++) {
            double[] f = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer0", c), x).mean();
            for (int i = 0; i < 40; i++) {
                sum[i] += f[i];
            }
        }
        NetworkUnit all = NetworkUnit.centre("layer0", NetworkUnit.ALL_CHANNELS);
        assertArrayEquals(sum, EffectiveReceptiveField.of(net, all, x).mean(), 1e-14);
    }
}
