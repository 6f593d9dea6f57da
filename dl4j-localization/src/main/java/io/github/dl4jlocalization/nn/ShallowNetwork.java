package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.ConstantDistribution;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

import java.util.Arrays;

/**
 * The networks of the papers as DL4J configurations: the soft committee machine (SCM, "M1",
 * {@link Readout#FROZEN}; K = 1 is the single neuron) and the two-layer network with a trained
 * readout ("M2", {@link Readout#TRAINED}). With {@code h_nk = w_k . x_n + b_k}:
 * <pre>
 *   SCM:        y_n = (1/K) sum_k sigma(h_nk)                 trained: W, b (if TRAINABLE)
 *   two-layer:  y_n = (sum_k v_k sigma(h_nk) + c) / K          trained: W, b (if TRAINABLE), v, c
 * </pre>
 *
 * <h2>Loss, optimiser and learning-rate semantics</h2>
 * The loss is the reference's {@code L = (1/B) sum_n (y_n - t_n)^2} (labels {@code t_n} in {0, 1},
 * no factor 1/2), minimised by plain SGD {@code theta <- theta - lr dL/dtheta}: no momentum, no
 * regularisation, no gradient normalisation, float64. With {@code r_n = y_n - t_n}:
 * <pre>
 *   SCM:  dL/dw_k = (2/(B K)) sum_n r_n sigma'(h_nk) x_n        dL/db_k = (2/(B K)) sum_n r_n sigma'(h_nk)
 *   M2:   dL/dv_k = (2/(B K)) sum_n r_n sigma(h_nk)             dL/dc   = (2/(B K)) sum_n r_n
 *         dL/dw_k = (2/(B K)) sum_n r_n v_k sigma'(h_nk) x_n    dL/db_k = (2/(B K)) sum_n r_n v_k sigma'(h_nk)
 * </pre>
 * DL4J computes exactly this, so a learning rate here is the reference's learning rate with no
 * conversion: its {@code LossMSE} has per-example gradient {@code 2 (y_n - t_n) / nOut} with
 * {@code nOut = 1} and score {@code sum_n (y_n - t_n)^2 / (B nOut)}, and with
 * {@code miniBatch(true)} the network divides the summed gradient by B before {@code Sgd(lr)}
 * multiplies it by {@code lr}. (Verified to 1e-10 by this class's tests.)
 *
 * <h2>How the layers realise the model</h2>
 * <ul>
 *   <li>Layer 0: a {@link DenseLayer} {@code D -> K} with activation sigma; its DL4J weight
 *       {@code "W"} is {@code D x K}, the receptive field of unit k is column k
 *       ({@link ShallowNetworkParameters#receptiveFields} returns them as rows). A TRAINABLE bias is
 *       its {@code "b"}; a FIXED bias is not a parameter but an offset inside the activation
 *       ({@link ActivationShifted}), so it can never be trained by accident.</li>
 *   <li>Layer 1: an {@link OutputLayer} {@code K -> 1} with {@link LossMSE} and activation
 *       {@code z -> z/K} ({@link ActivationScaledIdentity}). Its weights are the readout {@code v}
 *       and its bias {@code c}. For the SCM it has no bias, weights 1, and is wrapped in DL4J's
 *       {@link FrozenLayerWithBackprop}, which zeroes its gradient but still backpropagates.</li>
 * </ul>
 * The 1/K sits in the output activation, not in the readout weights. Writing the SCM as weights
 * {@code u = v/K} would give the same forward pass, but for a trained readout SGD on {@code u}
 * sees {@code dL/du = K dL/dv}, and the step {@code -lr K dL/dv} on {@code u} is a step
 * {@code -lr K^2 dL/dv} on {@code v}: K^2 times the reference's. The scaled activation keeps the
 * reference's parameterisation, hence its SGD trajectory.
 *
 * <h2>Initialisation</h2>
 * {@link #network()} sets every parameter explicitly from this object's seed (DL4J's weight
 * initialisers are not used for it):
 * <pre>
 *   W_kj = sqrt(initScale) * sqrt(2/(K + D)) / 0.87962566103423978 * z,   z ~ N(0,1) truncated to [-2, 2]
 *   v_k  = 1 + sqrt(initScale) * sqrt(2/(K + 1)) / 0.87962566103423978 * z   (TRAINED; FROZEN: v_k = 1)
 *   b_k  = the bias value,   c = 0
 * </pre>
 * so {@code Var(W_kj) = initScale * 2/(K + D)} ({@link TruncatedGlorot}). W is drawn from
 * {@code RandomStreams.of(seed, 0)} in row order (unit by unit), the readout from
 * {@code RandomStreams.of(seed, 1)}. {@link #configuration()} alone, initialised by DL4J, draws
 * W from an untruncated normal of the same variance and sets v = 1 (a different random stream).
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * ShallowNetwork scm = ShallowNetwork.builder(100)          // D = 100 inputs
 *         .hiddenUnits(10)
 *         .activation(HiddenActivation.SIGMOID)
 *         .bias(Bias.trainable())                          // init 0
 *         .initScale(0.1)
 *         .learningRate(100)
 *         .seed(7)
 *         .build();
 * MultiLayerNetwork net = scm.network();                   // initialised, ready to fit
 * net.setListeners(new ScoreIterationListener(100));
 * net.fit(trainIterator);                                  // DataSets: features B x D, labels B x 1 in {0, 1}
 * double[][] fields = ShallowNetworkParameters.receptiveFields(net);   // K x D
 * ModelSerializer.writeModel(net, file, true);             // custom activations round-trip
 * }</pre>
 * Any DL4J pipeline that takes a {@code MultiLayerNetwork} (early stopping, listeners, evaluation)
 * takes {@code network()} as is.
 *
 * <p>Immutable and serialisable (for distributing sweeps); build with {@link #builder(int)}.
 */
public final class ShallowNetwork extends NetworkSpec {
    private static final long serialVersionUID = 1L;

    /** Default variance multiplier of the initial weights. */
    public static final double DEFAULT_INIT_SCALE = 0.001;
    /** Default SGD learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Default number of hidden units (the single neuron). */
    public static final int DEFAULT_HIDDEN_UNITS = 1;
    /** Default activation. */
    public static final HiddenActivation DEFAULT_ACTIVATION = NetworkSpec.ACTIVATION.defaultValue();
    /** Default seed. */
    public static final long DEFAULT_SEED = 0;

    /** Random-stream counters of the initialisation, under the seed. */
    private static final long WEIGHT_STREAM = 0;
    private static final long READOUT_STREAM = 1;

    private final int hiddenUnits;

    private ShallowNetwork(Builder b) {
        super(b);
        this.hiddenUnits = Require.atLeast("hiddenUnits", b.hiddenUnits, 1);
    }

    /** A builder for networks on {@code inputDimension} (D >= 1) inputs, with the defaults. */
    public static Builder builder(int inputDimension) {
        return new Builder(inputDimension);
    }

    /** A builder starting from this network's settings. */
    public Builder toBuilder() {
        return withOptions(new Builder(inputDimension).hiddenUnits(hiddenUnits));
    }

    /**
     * A new DL4J configuration of this network (see the class comment for its layers), float64,
     * plain {@code Sgd(learningRate)}, MSE, minibatch-averaged gradients.
     */
    public MultiLayerConfiguration configuration() {
        DenseLayer hidden = new DenseLayer.Builder()
                .nIn(inputDimension).nOut(hiddenUnits)
                .activation(hiddenActivation(activation, bias))
                .weightInit(new NormalDistribution(0, Math.sqrt(
                        TruncatedGlorot.variance(initScale, inputDimension, hiddenUnits))))
                .hasBias(bias.kind() == Bias.Kind.TRAINABLE)
                .biasInit(bias.value())
                .build();
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(learningRate))
                .miniBatch(true)
                .gradientNormalization(GradientNormalization.None)
                .list(hidden, readoutLayer(hiddenUnits, readout))
                .build();
    }

    /** sigma, with a FIXED bias folded in as an offset ({@link ActivationShifted}). */
    static IActivation hiddenActivation(HiddenActivation activation, Bias bias) {
        IActivation sigma = activation.activationFunction();
        return bias.kind() == Bias.Kind.FIXED ? new ActivationShifted(sigma, bias.value()) : sigma;
    }

    /**
     * The readout of {@code units} hidden units (or channels): an MSE output layer with activation
     * {@code z -> z/units}, weights 1 and, TRAINED, a bias; FROZEN: no bias, wrapped in
     * {@link FrozenLayerWithBackprop}.
     */
    static Layer readoutLayer(int units, Readout readout) {
        OutputLayer output = new OutputLayer.Builder(new LossMSE())
                .nIn(units).nOut(1)
                .activation(new ActivationScaledIdentity(1.0 / units))
                .weightInit(new ConstantDistribution(1))
                .hasBias(readout == Readout.TRAINED)
                .biasInit(0)
                .build();
        return readout == Readout.FROZEN ? new FrozenLayerWithBackprop(output) : output;
    }

    /**
     * The initial readout of {@code units} hidden units: {@code v_k = 1 + TruncatedGlorot(initScale, units, 1)}
     * drawn from {@code RandomStreams.of(seed, 1)} for TRAINED, all 1 for FROZEN.
     */
    static double[] initialReadout(Readout readout, double initScale, int units, long seed) {
        double[] v = new double[units];
        if (readout == Readout.TRAINED) {
            v = TruncatedGlorot.sample(initScale, units, 1, units, RandomStreams.of(seed, READOUT_STREAM));
        }
        for (int k = 0; k < units; k++) {
            v[k] += 1;
        }
        return v;
    }

    /** A new network of {@link #configuration()}, initialised with this object's seeded draw. */
    public MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        ShallowNetworkParameters.setReceptiveFields(net, initialReceptiveFields());
        ShallowNetworkParameters.setReadout(net, initialReadout());
        if (bias.kind() == Bias.Kind.TRAINABLE) {
            double[] b = new double[hiddenUnits];
            Arrays.fill(b, bias.value());
            ShallowNetworkParameters.setHiddenBias(net, b);
        }
        if (readout == Readout.TRAINED) {
            ShallowNetworkParameters.setReadoutBias(net, 0);
        }
        return net;
    }

    /** The initial first-layer weights {@code W} as K receptive fields of length D. */
    public double[][] initialReceptiveFields() {
        double[] flat = TruncatedGlorot.sample(initScale, inputDimension, hiddenUnits,
                hiddenUnits * inputDimension, RandomStreams.of(seed, WEIGHT_STREAM));
        double[][] w = new double[hiddenUnits][];
        for (int k = 0; k < hiddenUnits; k++) {
            w[k] = Arrays.copyOfRange(flat, k * inputDimension, (k + 1) * inputDimension);
        }
        return w;
    }

    /** The initial readout {@code v} (all 1 for the SCM). */
    public double[] initialReadout() {
        return initialReadout(readout, initScale, hiddenUnits, seed);
    }

    /** K. */
    public int hiddenUnits() {
        return hiddenUnits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ShallowNetwork n && sameOptions(n) && hiddenUnits == n.hiddenUnits;
    }

    @Override
    public int hashCode() {
        return 31 * optionsHash() + hiddenUnits;
    }

    @Override
    public String toString() {
        return (readout == Readout.FROZEN ? "SCM" : "TwoLayer") + "(D=" + inputDimension + ", K=" + hiddenUnits
                + ", " + optionsString() + ")";
    }

    /**
     * Builder of a {@link ShallowNetwork}; {@link #build()} validates. Defaults: K = 1, RELU,
     * {@link Bias#none()}, {@link Readout#FROZEN} (SCM), initScale 0.001, learning rate 0.1, seed 0.
     */
    public static final class Builder extends NetworkBuilder<Builder> {
        private int hiddenUnits = DEFAULT_HIDDEN_UNITS;

        private Builder(int inputDimension) {
            super(inputDimension);
        }

        /** K >= 1 hidden units. */
        public Builder hiddenUnits(int hiddenUnits) {
            this.hiddenUnits = hiddenUnits;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The validated network description. */
        public ShallowNetwork build() {
            return new ShallowNetwork(this);
        }
    }
}
