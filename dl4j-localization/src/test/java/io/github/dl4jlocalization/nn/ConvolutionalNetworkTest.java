package io.github.dl4jlocalization.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * The convolutional network computes the circular cross-correlation of the spec, and one
 * {@code fit} is one SGD step on {@code mean_n (y_n - t_n)^2} with hand-derived gradients, which
 * checks the circular padding's backward pass (the folding of the wrapped copies).
 */
class ConvolutionalNetworkTest {
    private static final int B = 6;
    private static final int D = 7;
    private static final int C = 3;
    private static final int WIDTH = 4;
    /** Float64 round-off of O(D w) operations per entry, ~1e-15; a wrong index is O(0.1). */
    private static final double TOL = 1e-12;

    /** Hand-written forward and backward pass of the spec's CNN. */
    private record Reference(double[][] f, double[] b, double[] v, double c, HiddenActivation sigma) {
        double[][] h(double[] x) {
            double[][] h = new double[f.length][x.length];
            for (int ch = 0; ch < f.length; ch++) {
                for (int i = 0; i < x.length; i++) {
                    double s = b[ch];
                    for (int m = 0; m < f[ch].length; m++) {
                        s += f[ch][m] * x[(i + m) % x.length];
                    }
                    h[ch][i] = s;
                }
            }
            return h;
        }

        double y(double[] x) {
            double[][] h = h(x);
            double y = c;
            for (int ch = 0; ch < f.length; ch++) {
                double mean = 0;
                for (double hi : h[ch]) {
                    mean += sigma.value(hi) / x.length;
                }
                y += v[ch] * mean;
            }
            return y / f.length;
        }

        /** dL/df_cm = (2/(B C D)) sum_n r_n v_c sum_i sigma'(h_nci) x_n,(i+m) mod D. */
        double[][] filterGradient(double[][] x, double[] t) {
            double[][] g = new double[f.length][f[0].length];
            for (int n = 0; n < x.length; n++) {
                double r = y(x[n]) - t[n];
                double[][] h = h(x[n]);
                for (int ch = 0; ch < f.length; ch++) {
                    for (int i = 0; i < x[n].length; i++) {
                        double a = 2 * r * v[ch] * sigma.derivative(h[ch][i]) / (x.length * f.length * x[n].length);
                        for (int m = 0; m < f[ch].length; m++) {
                            g[ch][m] += a * x[n][(i + m) % x[n].length];
                        }
                    }
                }
            }
            return g;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Readout.FROZEN, HiddenActivation.RELU, Bias.none(), WIDTH),
                Arguments.of(Readout.FROZEN, HiddenActivation.TANH, Bias.fixed(0.3), WIDTH),
                Arguments.of(Readout.TRAINED, HiddenActivation.SIGMOID, Bias.trainable(0.1), WIDTH),
                Arguments.of(Readout.FROZEN, HiddenActivation.TANH, Bias.none(), 1),
                Arguments.of(Readout.FROZEN, HiddenActivation.TANH, Bias.none(), D));
    }

    @ParameterizedTest(name = "{0} {1} bias={2} w={3}")
    @MethodSource("cases")
    void forwardIsTheCircularCrossCorrelationAndFitIsOneSgdStep(Readout readout, HiddenActivation sigma,
                                                               Bias bias, int width) {
        double lr = 0.3;
        ConvolutionalNetwork spec = ConvolutionalNetwork.builder(D).channels(C).filterWidth(width)
                .activation(sigma).bias(bias).readout(readout).learningRate(lr).seed(5).build();
        MultiLayerNetwork net = spec.network();
        SplittableRandom random = new SplittableRandom(3);
        double[][] f = uniform(random, C, width);
        ConvolutionalNetwork.setFilters(net, f);
        assertArrayEquals(f, ConvolutionalNetwork.filters(net));
        double[] v = readout == Readout.TRAINED ? new double[] {0.7, -1.2, 1.5} : new double[] {1, 1, 1};
        double c = readout == Readout.TRAINED ? 0.2 : 0;
        if (readout == Readout.TRAINED) {
            net.getLayer(2).getParam("W").assign(Nd4j.create(v).reshape(C, 1));
            net.getLayer(2).getParam("b").assign(c);
        }
        double[] b = new double[C];
        Arrays.fill(b, bias.kind() == Bias.Kind.NONE ? 0 : bias.value());
        Reference ref = new Reference(f, b, v, c, sigma);

        double[][] x = uniform(random, B, D);
        double[] t = {0, 1, 1, 0, 1, 0};
        INDArray features = Nd4j.create(x);

        // layer 0's output sigma(h_ci), [B, C, D]
        List<INDArray> acts = net.feedForward(features, false);
        INDArray conv = acts.get(1);
        assertArrayEquals(new long[] {B, C, D}, conv.shape());
        for (int n = 0; n < B; n++) {
            double[][] h = ref.h(x[n]);
            for (int ch = 0; ch < C; ch++) {
                for (int i = 0; i < D; i++) {
                    assertEquals(sigma.value(h[ch][i]), conv.getDouble(n, ch, i), TOL, "n=" + n + " c=" + ch + " i=" + i);
                }
            }
        }
        INDArray y = net.output(features);
        for (int n = 0; n < B; n++) {
            assertEquals(ref.y(x[n]), y.getDouble(n, 0), TOL);
        }

        double[][] g = ref.filterGradient(x, t);
        net.fit(features, Nd4j.create(t, new long[] {B, 1}, DataType.DOUBLE));
        double[][] after = ConvolutionalNetwork.filters(net);
        for (int ch = 0; ch < C; ch++) {
            for (int m = 0; m < width; m++) {
                assertEquals(f[ch][m] - lr * g[ch][m], after[ch][m], TOL, "filter " + ch + " tap " + m);
            }
        }
    }

    @Test
    void defaultsAndInitialisation() {
        ConvolutionalNetwork spec = ConvolutionalNetwork.builder(40).seed(2).build();
        assertEquals(10, spec.channels());
        assertEquals(10, spec.filterWidth());
        assertEquals(1, ConvolutionalNetwork.builder(3).build().filterWidth());
        assertEquals(spec, spec.toBuilder().build());
        assertEquals("CNN(D=40, C=10, w=10, readout=FROZEN, sigma=RELU, bias=none, initScale=0.001, lr=0.1, seed=2)",
                spec.toString());
        MultiLayerNetwork net = spec.network();
        assertArrayEquals(spec.initialFilters(), ConvolutionalNetwork.filters(net));
        double bound = 2 * TruncatedGlorot.std(spec.initScale(), 10, 10);
        for (double[] filter : spec.initialFilters()) {
            for (double value : filter) {
                assertTrue(Math.abs(value) <= bound && value != 0, "truncated draw " + value);
            }
        }
        assertEquals(net.getLayer(2).getParam("W").sumNumber().doubleValue(), 10, 0, "frozen readout of ones");
        assertTrue(net.getLayer(0).paramTable().containsKey("W") && !net.getLayer(0).paramTable().containsKey("b"));
    }

    @Test
    void modelSerializerRoundTripKeepsThePaddingAndTheFunction(@TempDir File dir) throws IOException {
        MultiLayerNetwork net = ConvolutionalNetwork.builder(D).channels(C).filterWidth(WIDTH)
                .bias(Bias.fixed(-0.1)).readout(Readout.TRAINED).initScale(1).seed(9).build().network();
        File file = new File(dir, "cnn.zip");
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(new CircularPaddingPreProcessor(D, WIDTH - 1),
                restored.getLayerWiseConfigurations().getInputPreProcess(0));
        INDArray x = Nd4j.create(uniform(new SplittableRandom(1), B, D));
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void preProcessorWrapsTheRingAndFoldsTheGradientBack() {
        CircularPaddingPreProcessor pad = new CircularPaddingPreProcessor(4, 2);
        INDArray x = Nd4j.create(new double[][] {{1, 2, 3, 4}, {5, 6, 7, 8}});
        INDArray out = pad.preProcess(x, 2, LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new double[] {1, 2, 3, 4, 1, 2}, out.get(
                point(0), point(0), all()).toDoubleVector(), 0);
        INDArray eps = Nd4j.create(new double[] {1, 10, 100, 1000, 2, 20, 3, 30, 300, 3000, 4, 40}, new long[] {2, 1, 6});
        INDArray grad = pad.backprop(eps, 2, LayerWorkspaceMgr.noWorkspaces());
        assertArrayEquals(new double[][] {{3, 30, 100, 1000}, {7, 70, 300, 3000}}, grad.toDoubleMatrix());
        assertEquals(InputType.recurrent(1, 6), pad.getOutputType(InputType.feedForward(4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pad.getOutputType(InputType.feedForward(5)));
        assertTrue(e.getMessage().startsWith("inputType must be feed-forward input of size D = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> pad.preProcess(Nd4j.zeros(2, 5), 2,
                LayerWorkspaceMgr.noWorkspaces()));
    }

    @Test
    void invalidSettingsAreRejectedNamingThem() {
        assertMessage("filterWidth must be an integer in [1, 7], got 8",
                () -> ConvolutionalNetwork.builder(D).filterWidth(8).build());
        assertMessage("filterWidth must be an integer in [1, 7], got 0",
                () -> ConvolutionalNetwork.builder(D).filterWidth(0).build());
        assertMessage("channels must be an integer >= 1, got 0", () -> ConvolutionalNetwork.builder(D).channels(0).build());
        assertMessage("padding must be an integer in [0, 4], got 5", () -> new CircularPaddingPreProcessor(4, 5));
        assertMessage("lr must be a finite number > 0, got -1.0",
                () -> ConvolutionalNetwork.builder(D).learningRate(-1).build());
        MultiLayerNetwork fcn = ShallowNetwork.builder(D).build().network();
        assertThrows(IllegalArgumentException.class, () -> ConvolutionalNetwork.filters(fcn));
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }

    private static double[][] uniform(SplittableRandom random, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (double[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-1, 1);
            }
        }
        return a;
    }
}
