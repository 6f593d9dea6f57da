package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.util.Convolution1DUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;

/**
 * The convolutional counterpart of {@link ShallowNetwork} for the fully connected vs convolutional
 * comparison of Ingrosso &amp; Goldt (2022): C filters {@code f_c} of width w slide around the ring
 * of D input sites (circular padding), each output passes through sigma, is averaged over the D
 * positions, and the channels are read out like the SCM's hidden units:
 * <pre>
 *   h_ci = sum_{m=0}^{w-1} f_cm x_{(i + m) mod D} + b_c,      i = 0 .. D - 1
 *   SCM (FROZEN):       y = (1/C) sum_c (1/D) sum_i sigma(h_ci)
 *   two-layer (TRAINED): y = (sum_c v_c (1/D) sum_i sigma(h_ci) + c) / C
 * </pre>
 * trained like the FCN: plain SGD on {@code mean_n (y_n - t_n)^2} (labels in {0, 1}), float64.
 *
 * <p><b>Why this architecture.</b> The paper's CNN (filter size, channels, pooling, readout) is
 * UNVERIFIED (docs/science.md 3.7, 9.2). This one is the fully connected SCM restricted to translation
 * symmetry and locality: the FROZEN network is exactly an SCM with {@code K = C D} hidden units
 * whose receptive fields are the D circular shifts of the C filters zero-padded to D. So the two
 * networks differ only in the weight sharing and the support of the fields, and a localized FCN
 * field can be compared with a CNN filter directly ({@code FilterMatcher}). Width w, channels C,
 * activation, bias and readout are parameters.
 *
 * <h2>DL4J layers</h2>
 * It takes the same DataSets as the FCN (features {@code [B, D]}, labels {@code [B, 1]}):
 * <ul>
 *   <li>input preprocessor {@link CircularPaddingPreProcessor}: {@code [B, D] -> [B, 1, D + w - 1]},
 *       the first w - 1 sites appended after the last (DL4J's 1-D convolution has no circular
 *       mode);</li>
 *   <li>layer 0: {@link Convolution1DLayer}, 1 -> C channels, kernel w, stride 1, truncate
 *       (VALID) mode, activation sigma: {@code [B, C, D]}; a TRAINABLE bias is its {@code "b"}, a
 *       FIXED one an offset inside the activation ({@link ActivationShifted}), as in
 *       {@link ShallowNetwork};</li>
 *   <li>layer 1: {@link GlobalPoolingLayer}, average over the D positions: {@code [B, C]};</li>
 *   <li>layer 2: {@code OutputLayer} C -> 1, MSE, activation {@code z -> z/C}
 *       ({@link ActivationScaledIdentity}); FROZEN: weights 1, no bias, wrapped in
 *       {@code FrozenLayerWithBackprop} (the layer of {@link ShallowNetwork}).</li>
 * </ul>
 * {@link #filters} and {@link #setFilters} read and write the filters as {@code double[C][w]}.
 * Trap: DL4J 1.0.0-M2.1 declares the weight {@code "0_W"} with shape {@code [C, 1, w, 1]}, but
 * the layer reads it through {@code Convolution1DUtils.reshapeWeightArrayOrGradientForFormat},
 * a reshape (not a permutation) to {@code [w, 1, C]}: tap m of filter c is buffer element
 * {@code m C + c}, not {@code W[c, 0, m, 0]}. (Its gradient goes through the same reshape, so
 * training is consistent.) These accessors use that same view, i.e. the filters the layer
 * actually applies (verified against a hand-written circular convolution in the tests).
 *
 * <h2>Initialisation</h2>
 * {@link #network()} sets the filters from this object's seed: {@link TruncatedGlorot} with
 * {@code fanIn = w}, {@code fanOut = C}, i.e. {@code Var(f_cm) = initScale * 2/(w + C)}, drawn
 * from {@code RandomStreams.of(seed, 0)} filter by filter; a TRAINED readout
 * {@code v_c = 1 + TruncatedGlorot(initScale, C, 1)} from {@code RandomStreams.of(seed, 1)}
 * (FROZEN: 1), bias b at its value, c = 0.
 *
 * <pre>{@code
 * MultiLayerNetwork cnn = ConvolutionalNetwork.builder(40)   // D = 40
 *         .channels(10).filterWidth(10)
 *         .learningRate(0.1).seed(1)
 *         .build().network();
 * cnn.fit(trainIterator);                                    // the FCN's iterator, unchanged
 * double[][] filters = ConvolutionalNetwork.filters(cnn);    // C x w
 * }</pre>
 *
 * <p>Immutable and serialisable; build with {@link #builder(int)}.
 */
public final class ConvolutionalNetwork extends NetworkSpec {
    private static final long serialVersionUID = 1L;

    /** Default number of channels C. */
    public static final int DEFAULT_CHANNELS = 10;

    private static final long FILTER_STREAM = 0;
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;

    private final int channels;
    private final int filterWidth;

    private ConvolutionalNetwork(Builder b) {
        super(b);
        this.channels = Require.atLeast("channels", b.channels, 1);
        this.filterWidth = Require.inRange("filterWidth",
                b.filterWidth == null ? defaultWidth(inputDimension) : b.filterWidth, 1, inputDimension);
    }

    /**
     * The default filter width for D inputs: {@code max(1, D/4)} (10 at D = 40), wide enough for
     * the localized fields of the papers' tasks and narrow enough to make locality a constraint.
     */
    public static int defaultWidth(int inputDimension) {
        return Math.max(1, Require.atLeast("inputDimension", inputDimension, 1) / 4);
    }

    /** A builder for networks on {@code inputDimension} (D >= 1) inputs, with the defaults. */
    public static Builder builder(int inputDimension) {
        return new Builder(inputDimension);
    }

    /** A builder starting from this network's settings. */
    public Builder toBuilder() {
        return withOptions(new Builder(inputDimension).channels(channels).filterWidth(filterWidth));
    }

    /** A new DL4J configuration (see the class comment), float64, {@code Sgd(learningRate)}, MSE. */
    public MultiLayerConfiguration configuration() {
        Convolution1DLayer conv = new Convolution1DLayer.Builder()
                .nIn(1).nOut(channels)
                .kernelSize(filterWidth).stride(1).padding(0)
                .convolutionMode(ConvolutionMode.Truncate)
                .rnnDataFormat(RNNFormat.NCW)
                .activation(ShallowNetwork.hiddenActivation(activation, bias))
                .weightInit(new NormalDistribution(0, Math.sqrt(
                        TruncatedGlorot.variance(initScale, filterWidth, channels))))
                .hasBias(bias.kind() == Bias.Kind.TRAINABLE)
                .biasInit(bias.value())
                .build();
        GlobalPoolingLayer pool = new GlobalPoolingLayer.Builder(PoolingType.AVG).build();
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(learningRate))
                .miniBatch(true)
                .gradientNormalization(GradientNormalization.None)
                .list(conv, pool, ShallowNetwork.readoutLayer(channels, readout))
                .inputPreProcessor(0, new CircularPaddingPreProcessor(inputDimension, filterWidth - 1))
                .build();
    }

    /** A new network of {@link #configuration()}, initialised with this object's seeded draw. */
    public MultiLayerNetwork network() {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        setFilters(net, initialFilters());
        double[] v = ShallowNetwork.initialReadout(readout, initScale, channels, seed);
        net.getLayer(2).getParam(W).assign(Nd4j.create(v).reshape(channels, 1));
        if (bias.kind() == Bias.Kind.TRAINABLE) {
            net.getLayer(0).getParam(B).assign(bias.value());
        }
        if (readout == Readout.TRAINED) {
            net.getLayer(2).getParam(B).assign(0);
        }
        return net;
    }

    /** The initial filters, {@code double[C][w]}. */
    public double[][] initialFilters() {
        double[] flat = TruncatedGlorot.sample(initScale, filterWidth, channels, channels * filterWidth,
                RandomStreams.of(seed, FILTER_STREAM));
        double[][] f = new double[channels][filterWidth];
        for (int c = 0; c < channels; c++) {
            System.arraycopy(flat, c * filterWidth, f[c], 0, filterWidth);
        }
        return f;
    }

    /**
     * The filters of a network built by this class (or restored): {@code result[c][m] = f_cm},
     * {@code double[C][w]}.
     */
    public static double[][] filters(MultiLayerNetwork net) {
        INDArray taps = kernel(net);
        int width = (int) taps.size(0);
        int channels = (int) taps.size(2);
        double[] rowMajor = NdArrays.rowMajor(taps);   // [w, 1, C]: tap m of channel c at m C + c
        double[][] f = new double[channels][width];
        for (int c = 0; c < channels; c++) {
            for (int m = 0; m < width; m++) {
                f[c][m] = rowMajor[m * channels + c];
            }
        }
        return f;
    }

    /** Sets the filters from a finite {@code double[C][w]}. */
    public static void setFilters(MultiLayerNetwork net, double[][] filters) {
        INDArray taps = kernel(net);
        Require.nonNull("filters", filters);
        Require.that(filters.length == taps.size(2), "filters.length", filters.length,
                "the channels C = " + taps.size(2));
        for (int c = 0; c < filters.length; c++) {
            double[] f = Require.nonNull("filters[" + c + "]", filters[c]);
            Require.that(f.length == taps.size(0), "filters[" + c + "].length", f.length,
                    "the width w = " + taps.size(0));
            for (int m = 0; m < f.length; m++) {
                taps.putScalar(new long[] {m, 0, c}, Require.finite("filters[" + c + "][" + m + "]", f[m]));
            }
        }
    }

    /** The layer's weights as it applies them: a {@code [w, 1, C]} view (see the class comment). */
    private static INDArray kernel(MultiLayerNetwork net) {
        Require.nonNull("net", net);
        boolean ok = net.getnLayers() == 3
                && net.getLayerWiseConfigurations().getConf(0).getLayer() instanceof Convolution1DLayer;
        Require.that(ok, "net", net.getnLayers() + " layers",
                "a network built by ConvolutionalNetwork (a 1-D convolution, pooling, a one-unit output)");
        INDArray taps = Convolution1DUtils.reshapeWeightArrayOrGradientForFormat(
                net.getLayer(0).getParam(ConvolutionParamInitializer.WEIGHT_KEY), RNNFormat.NCW);
        Require.that(taps.rank() == 3 && taps.size(1) == 1, "net", Arrays.toString(taps.shape()),
                "a one-input-channel 1-D convolution");
        return taps;
    }

    /** C. */
    public int channels() {
        return channels;
    }

    /** w. */
    public int filterWidth() {
        return filterWidth;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvolutionalNetwork n && sameOptions(n) && channels == n.channels
                && filterWidth == n.filterWidth;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * optionsHash() + channels) + filterWidth;
    }

    @Override
    public String toString() {
        return "CNN(D=" + inputDimension + ", C=" + channels + ", w=" + filterWidth + ", readout=" + readout + ", "
                + optionsString() + ")";
    }

    /**
     * Builder of a {@link ConvolutionalNetwork}; {@link #build()} validates. Defaults: C = 10,
     * w = {@link #defaultWidth(int) max(1, D/4)}, RELU, no bias, FROZEN readout, initScale 0.001,
     * learning rate 0.1, seed 0 (the {@link ShallowNetwork} defaults where they apply).
     */
    public static final class Builder extends NetworkBuilder<Builder> {
        private int channels = DEFAULT_CHANNELS;
        /** null: the default for D. */
        private Integer filterWidth;

        private Builder(int inputDimension) {
            super(inputDimension);
        }

        /** C >= 1 channels (filters). */
        public Builder channels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Filter width w in [1, D]. */
        public Builder filterWidth(int filterWidth) {
            this.filterWidth = filterWidth;
            return this;
        }

        @Override
        Builder self() {
            return this;
        }

        /** The validated network description. */
        public ConvolutionalNetwork build() {
            return new ConvolutionalNetwork(this);
        }
    }
}
