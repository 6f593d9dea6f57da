package io.github.dl4jlocalization.nn;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.hiddenBias;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.readout;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.readoutBias;
import static io.github.dl4jlocalization.nn.ShallowNetworkParameters.receptiveFields;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One {@code net.fit(features, labels)} of a DL4J network from {@link ShallowNetwork} changes every
 * parameter exactly as one SGD step on the reference loss {@code mean_n (y_n - t_n)^2} (no factor
 * 1/2) with the spec's explicit gradients: the 1/K readout, the minibatch average, the learning
 * rate, ReLU'(0) = 0, frozen readouts and fixed biases are all checked in one place.
 */
class ShallowNetworkSgdStepTest {
    private static final int B = 7;
    private static final int D = 5;
    private static final int K = 3;
    /** Relative accuracy of a step: float64 round-off of O(10) operations is ~1e-15. */
    private static final double STEP_TOL = 1e-10;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(Readout.FROZEN, HiddenActivation.RELU, Bias.none(), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.RELU, Bias.trainable(), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.RELU, Bias.fixed(0.2), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.SIGMOID, Bias.trainable(), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.SIGMOID, Bias.fixed(-1), 2.5),
                Arguments.of(Readout.FROZEN, HiddenActivation.TANH, Bias.none(), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.ERF, Bias.trainable(), 0.1),
                Arguments.of(Readout.FROZEN, HiddenActivation.ERF, Bias.fixed(-1), 0.1),
                Arguments.of(Readout.TRAINED, HiddenActivation.RELU, Bias.none(), 0.1),
                Arguments.of(Readout.TRAINED, HiddenActivation.SIGMOID, Bias.trainable(), 0.1),
                Arguments.of(Readout.TRAINED, HiddenActivation.TANH, Bias.fixed(0.5), 0.7),
                Arguments.of(Readout.TRAINED, HiddenActivation.ERF, Bias.trainable(), 0.1));
    }

    @ParameterizedTest(name = "{0} {1} bias={2} lr={3}")
    @MethodSource("cases")
    void oneFitIsOneReferenceSgdStep(Readout readoutKind, HiddenActivation sigma, Bias bias, double lr) {
        ShallowNetwork spec = ShallowNetwork.builder(D).hiddenUnits(K).activation(sigma).bias(bias)
                .readout(readoutKind).learningRate(lr).seed(3).build();
        MultiLayerNetwork net = spec.network();

        // explicit starting point; row 0 of x is zero and b_0 = 0, so h_00 = 0 exactly (ReLU'(0))
        SplittableRandom random = new SplittableRandom(11);
        double[][] w = uniform(random, K, D);
        ShallowNetworkParameters.setReceptiveFields(net, w);
        double[] b0 = {0, 0.3, -0.2};
        if (bias.kind() == Bias.Kind.TRAINABLE) {
            ShallowNetworkParameters.setHiddenBias(net, b0);
        }
        if (readoutKind == Readout.TRAINED) {
            ShallowNetworkParameters.setReadout(net, new double[] {0.8, -1.1, 1.3});
            ShallowNetworkParameters.setReadoutBias(net, 0.25);
        }
        double[][] x = uniform(random, B, D);
        x[0] = new double[D];
        double[] t = {0, 1, 1, 0, 1, 0, 0};

        ReferenceShallowNet ref = new ReferenceShallowNet(receptiveFields(net), hiddenBias(net),
                readout(net), readoutBias(net), sigma);
        ReferenceShallowNet.Gradient g = ref.gradient(x, t);
        INDArray features = Nd4j.create(x);
        INDArray labels = Nd4j.create(t, new long[] {B, 1}, DataType.DOUBLE);

        // forward pass: y = (v . sigma(Wx + b) + c) / K
        double[] y = net.output(features).dup().data().asDouble();
        for (int n = 0; n < B; n++) {
            assertEquals(ref.output(x[n]), y[n], 1e-13 * Math.max(1, Math.abs(y[n])), "output " + n);
        }

        net.fit(features, labels);

        // DL4J's score of the fitted batch is the reference loss at the pre-step parameters
        assertEquals(ref.loss(x, t), net.score(), 1e-13 * ref.loss(x, t), "score");

        double[][] wAfter = receptiveFields(net);
        for (int k = 0; k < K; k++) {
            assertStep("W[" + k + "]", ref.w[k], g.dw[k], lr, wAfter[k]);
        }
        if (bias.kind() == Bias.Kind.TRAINABLE) {
            // with ReLU'(0) = 1 instead, db_0 would gain 2 r_0 v_0 / (B K), and r_0 != 0 here
            assertTrue(ref.output(x[0]) != t[0], "row 0 must have a residual");
            assertStep("b", ref.b, g.db, lr, hiddenBias(net));
        } else {
            assertArrayEquals(ref.b, hiddenBias(net), 0, "an absent or fixed bias does not move");
        }
        if (readoutKind == Readout.TRAINED) {
            assertStep("v", ref.v, g.dv, lr, readout(net));
            assertStep("c", new double[] {ref.c}, new double[] {g.dc}, lr, new double[] {readoutBias(net)});
        } else {
            assertArrayEquals(new double[] {1, 1, 1}, readout(net), 0, "the SCM readout stays frozen at 1");
            assertEquals(0, readoutBias(net), 0);
        }
    }

    /**
     * {@code after == before - lr * grad} elementwise, to {@link #STEP_TOL} of the largest step of the
     * array (exact zeros, e.g. inactive ReLU units, must stay exact up to that tolerance too).
     */
    private static void assertStep(String name, double[] before, double[] grad, double lr, double[] after) {
        double largest = 0;
        for (double gi : grad) {
            largest = Math.max(largest, Math.abs(lr * gi));
        }
        assertTrue(largest > 1e-6, name + ": the test batch must move this parameter");
        for (int i = 0; i < before.length; i++) {
            assertEquals(-lr * grad[i], after[i] - before[i], STEP_TOL * largest, name + "[" + i + "] step");
        }
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
