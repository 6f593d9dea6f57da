package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link ShallowNetwork} made deeper, as in Pellegrini &amp; Biroli's pruning experiments: H
 * dense hidden layers of K units each, optionally batch-normalized, on the shallow network's
 * readout, with its activation, bias, initial-weight scale, learning rate, loss and seed:
 * <pre>
 *   h^1 = sigma(BN(W^1 x + b^1)),  h^l = sigma(BN(W^l h^(l-1) + b^l)) for l = 2..H,   y = readout(h^H)
 * </pre>
 * (without batch normalization, {@code BN} is the identity). The first layer {@code "0_W"} holds the
 * receptive fields, as in the shallow network; with batch normalization each hidden layer is a
 * {@link DenseLayer} with identity activation, a {@link BatchNormalization} and an
 * {@link ActivationLayer} of sigma, so the l-th dense layer's weights are {@code (3(l-1))_W}.
 * Initial weights: the first layer and the readout exactly as the shallow network's
 * ({@link ShallowNetwork#initialReceptiveFields()}, {@link ShallowNetwork#initialReadout()}), layer
 * l >= 2 from {@code TruncatedGlorot(initScale, K, K)} on {@code RandomStreams.of(seed, l)};
 * batch normalization starts at gamma 1, beta 0 (DL4J's defaults, decay 0.9). With H = 1 and no
 * batch normalization it is the shallow network itself, bit for bit. Immutable and serialisable.
 *
 * @see #HIDDEN_LAYERS
 * @see #BATCH_NORM
 */
public final class LayeredNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Dense hidden layers H >= 1 of K units each (1: the shallow network). */
    public static final Parameter<Integer> HIDDEN_LAYERS = Parameter.integer("hiddenLayers").range(Range.atLeast(1))
            .defaultValue(1).label("H").help("Dense hidden layers of K units each (1: the shallow network)");
    /** Whether each hidden dense layer is followed by batch normalization, before sigma. */
    public static final Parameter<Boolean> BATCH_NORM = Parameter.bool("batchNorm").defaultValue(false)
            .help("Batch normalization after each hidden dense layer, before its nonlinearity");

    private final ShallowNetwork base;
    private final int hiddenLayers;
    private final boolean batchNorm;

    /**
     * @param base         the first layer, readout and shared options
     * @param hiddenLayers H >= 1
     * @param batchNorm    whether hidden layers are batch-normalized
     */
    public LayeredNetwork(ShallowNetwork base, int hiddenLayers, boolean batchNorm) {
        this.base = Require.nonNull("base", base);
        this.hiddenLayers = HIDDEN_LAYERS.check(hiddenLayers);
        this.batchNorm = batchNorm;
    }

    /** H. */
    public int hiddenLayers() {
        return hiddenLayers;
    }

    /** Whether hidden layers are batch-normalized. */
    public boolean batchNorm() {
        return batchNorm;
    }

    /** Whether this is the shallow network itself (H = 1, no batch normalization). */
    public boolean isShallow() {
        return hiddenLayers == 1 && !batchNorm;
    }

    /** The DL4J configuration (see the class comment); the shallow network's own for H = 1 without BN. */
    public MultiLayerConfiguration configuration() {
        if (isShallow()) {
            return base.configuration();
        }
        int k = base.hiddenUnits();
        IActivation sigma = ShallowNetwork.hiddenActivation(base.activation(), base.bias());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(base.seed()).dataType(DataType.DOUBLE).updater(new Sgd(base.learningRate()))
                .miniBatch(true).gradientNormalization(GradientNormalization.None).list();
        int in = base.inputDimension();
        for (int l = 0; l < hiddenLayers; l++) {
            list.layer(new DenseLayer.Builder().nIn(in).nOut(k)
                    .activation(batchNorm ? Activation.IDENTITY.getActivationFunction() : sigma)
                    .weightInit(new NormalDistribution(0, Math.sqrt(TruncatedGlorot.variance(base.initScale(), in, k))))
                    .hasBias(base.bias().kind() == Bias.Kind.TRAINABLE).biasInit(base.bias().value()).build());
            if (batchNorm) {
                list.layer(new BatchNormalization.Builder().nIn(k).nOut(k).build());
                list.layer(new ActivationLayer.Builder().activation(sigma).build());
            }
            in = k;
        }
        return list.layer(ShallowNetwork.readoutLayer(k, base.readout())).build();
    }

    /** A new network of {@link #configuration()}, initialised as the class comment says. */
    public MultiLayerNetwork network() {
        if (isShallow()) {
            return base.network();
        }
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        int k = base.hiddenUnits();
        int perLayer = batchNorm ? 3 : 1;
        setColumns(net, 0, base.initialReceptiveFields());
        for (int l = 2; l <= hiddenLayers; l++) {
            double[] flat = TruncatedGlorot.sample(base.initScale(), k, k, k * k, RandomStreams.of(base.seed(), l));
            double[][] units = new double[k][];
            for (int u = 0; u < k; u++) {
                units[u] = Arrays.copyOfRange(flat, u * k, (u + 1) * k);
            }
            setColumns(net, (l - 1) * perLayer, units);
        }
        int output = net.getnLayers() - 1;
        net.getLayer(output).getParam(DefaultParamInitializer.WEIGHT_KEY)
                .assign(Nd4j.create(base.initialReadout(), new long[] {k, 1}, 'c'));
        if (net.getLayer(output).paramTable().containsKey(DefaultParamInitializer.BIAS_KEY)) {
            net.getLayer(output).getParam(DefaultParamInitializer.BIAS_KEY).assign(0);
        }
        return net;
    }

    /** Sets layer {@code layer}'s weights {@code W} (nIn x nOut) so that column u is {@code units[u]}. */
    private static void setColumns(MultiLayerNetwork net, int layer, double[][] units) {
        INDArray w = net.getLayer(layer).getParam(DefaultParamInitializer.WEIGHT_KEY);
        double[][] rows = new double[units[0].length][units.length];
        for (int u = 0; u < units.length; u++) {
            for (int i = 0; i < units[u].length; i++) {
                rows[i][u] = units[u][i];
            }
        }
        w.assign(Nd4j.create(rows).castTo(w.dataType()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayeredNetwork n && base.equals(n.base) && hiddenLayers == n.hiddenLayers
                && batchNorm == n.batchNorm;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, hiddenLayers, batchNorm);
    }

    @Override
    public String toString() {
        return isShallow() ? base.toString() : "Layered(H=" + hiddenLayers + (batchNorm ? ", batch norm" : "") + ", "
                + base + ")";
    }
}
