package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.ReceptiveFieldReader;
import io.github.dl4jlocalization.nn.CircularPaddingPreProcessor;
import io.github.dl4jlocalization.nn.TruncatedGlorot;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.Serializable;
import java.util.Locale;

/**
 * The deeper networks whose effective receptive fields the {@code deep-fields} figure follows,
 * each with two hidden layers ({@link #HIDDEN_LAYERS}), trained like the
 * project's shallow networks (plain SGD on {@code mean_n (y_n - t_n)^2}, labels 0/1, float64,
 * one linear output unit):
 * <ul>
 *   <li>{@link Architecture#CNN1D}: on a ring of D sites, a 1-D convolution of C channels and
 *       width k with circular padding ({@link CircularPaddingPreProcessor}), a second one (C, k,
 *       Same: zero padding), global average pooling, the output. Theoretical field of layer 1:
 *       {@code 2k - 1} sites;</li>
 *   <li>{@link Architecture#CNN2D}: on an L x L image (the 2-D data's {@code [B, L^2]} rows,
 *       reshaped), two k x k convolutions of C channels (Same), global average pooling, the
 *       output: fields of {@code (2k - 1)^2} sites;</li>
 *   <li>{@link Architecture#FCN}: dense D -> H -> H -> 1: every hidden unit sees every site.</li>
 * </ul>
 * Weights are drawn from {@code N(0, initScale * 2 / (fanIn + fanOut))} (Glorot's variance times
 * the run's {@code initScale}; for a convolution {@code fanIn = k^a C_in}, {@code fanOut = k^a C_out}
 * with a the number of axes), biases 0, with the run's network seed.
 *
 * @param architecture the network
 * @param channels     C >= 1 (convolutions)
 * @param kernel       k >= 1 (convolutions)
 * @param hidden       H >= 1 (dense)
 */
public record DeepFieldNetwork(Architecture architecture, int channels, int kernel, int hidden)
        implements Serializable {
    /** The hidden layers, first and second. */
    public static final java.util.List<String> HIDDEN_LAYERS = java.util.List.of("layer0", "layer1");

    /** The architectures. */
    public enum Architecture {
        /** A 1-D CNN on a ring. */
        CNN1D,
        /** A 2-D CNN on an image. */
        CNN2D,
        /** A fully connected network with two hidden layers. */
        FCN;

        /** The name in settings and files: {@code cnn1d}, {@code cnn2d}, {@code fcn}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Validates. */
    public DeepFieldNetwork {
        Require.nonNull("architecture", architecture);
        Require.atLeast("channels", channels, 1);
        Require.atLeast("kernel", kernel, 1);
        Require.atLeast("hidden", hidden, 1);
    }

    /** The DL4J configuration on {@code config}'s data, activation, learning rate, initScale and seed. */
    public MultiLayerConfiguration configuration(RunConfig config) {
        int dims = config.data().dim();
        int d = config.dataModel().dimension();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(config.networkSeed()).dataType(DataType.DOUBLE).updater(new Sgd(config.learningRate()))
                .miniBatch(true).gradientNormalization(GradientNormalization.None)
                .activation(config.activation().activationFunction()).biasInit(0)
                .list();
        double s = config.initScale();
        Layer output = new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                .weightInit(normal(s, architecture == Architecture.FCN ? hidden : channels, 1)).build();
        switch (architecture) {
            case CNN1D -> {
                Require.that(dims == 1, "data.dim", dims, "1 for " + architecture.key());
                Require.inRange("kernel", kernel, 1, d);
                list.layer(new Convolution1DLayer.Builder().nIn(1).nOut(channels).kernelSize(kernel)
                                .convolutionMode(ConvolutionMode.Truncate).rnnDataFormat(RNNFormat.NCW)
                                .weightInit(normal(s, kernel, kernel * channels)).build())
                        .layer(new Convolution1DLayer.Builder().nOut(channels).kernelSize(kernel)
                                .convolutionMode(ConvolutionMode.Same).rnnDataFormat(RNNFormat.NCW)
                                .weightInit(normal(s, kernel * channels, kernel * channels)).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output)
                        .inputPreProcessor(0, new CircularPaddingPreProcessor(d, kernel - 1))
                        .setInputType(InputType.feedForward(d));
            }
            case CNN2D -> {
                Require.that(dims == 2, "data.dim", dims, "2 for " + architecture.key());
                int side = config.data().length();
                Require.inRange("kernel", kernel, 1, side);
                int area = kernel * kernel;
                list.layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(channels)
                                .convolutionMode(ConvolutionMode.Same).weightInit(normal(s, area, area * channels))
                                .build())
                        .layer(new ConvolutionLayer.Builder(kernel, kernel).nOut(channels)
                                .convolutionMode(ConvolutionMode.Same)
                                .weightInit(normal(s, area * channels, area * channels)).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(output)
                        .setInputType(InputType.convolutionalFlat(side, side, 1));
            }
            case FCN -> list
                    .layer(new DenseLayer.Builder().nIn(d).nOut(hidden).weightInit(normal(s, d, hidden)).build())
                    .layer(new DenseLayer.Builder().nOut(hidden).weightInit(normal(s, hidden, hidden)).build())
                    .layer(output)
                    .setInputType(InputType.feedForward(d));
            default -> throw new IllegalStateException(architecture.toString());
        }
        return list.build();
    }

    /**
     * Reads the first hidden layer's weights per unit, for the weights' receptive-field records: a
     * dense unit's weights over the input, a channel's kernel (row-major over its input channels
     * and kernel positions).
     */
    public ReceptiveFieldReader weightReader() {
        if (architecture == Architecture.FCN) {
            return ReceptiveFieldReader.denseLayer("0_W");
        }
        return model -> {
            INDArray w = model.getParam("0_W");
            return w.reshape('c', w.size(0), w.length() / w.size(0)).toDoubleMatrix();
        };
    }

    /** A new, initialised network of {@link #configuration}. */
    public MultiLayerNetwork network(RunConfig config) {
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(config));
        net.init();
        return net;
    }

    private static org.deeplearning4j.nn.weights.WeightInitDistribution normal(double scale, int fanIn, int fanOut) {
        return new org.deeplearning4j.nn.weights.WeightInitDistribution(
                new NormalDistribution(0, Math.sqrt(TruncatedGlorot.variance(scale, fanIn, fanOut))));
    }

    @Override
    public String toString() {
        return switch (architecture) {
            case FCN -> "FCN(H=" + hidden + ")";
            default -> architecture.name() + "(C=" + channels + ", k=" + kernel + ")";
        };
    }
}
