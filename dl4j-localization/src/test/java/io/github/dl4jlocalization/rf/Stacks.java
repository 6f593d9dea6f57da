package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.nn.ConvolutionalNetwork;
import io.github.dl4jlocalization.nn.HiddenActivation;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The layer stacks of the receptive-field tests, float64, with generic (seeded Gaussian) weights
 * and tanh or identity activations, so that a unit's gradient is non-zero wherever its field
 * reaches. Average pooling only: a max-pooling unit's gradient reaches one site of its window.
 */
final class Stacks {
    private Stacks() {
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .weightInit(new NormalDistribution(0, 0.5)).activation(Activation.TANH);
    }

    private static Convolution1DLayer conv1d(int kernel, int dilation, int stride, ConvolutionMode mode) {
        return new Convolution1DLayer.Builder().nOut(2).kernelSize(kernel).dilation(dilation).stride(stride)
                .convolutionMode(mode).rnnDataFormat(RNNFormat.NCW).build();
    }

    private static ConvolutionLayer conv2d(int kernel, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(2).convolutionMode(mode).build();
    }

    private static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY).build();
    }

    /** One 1-D convolution, kernel 5, Truncate, on a sequence of 20: r = 5, j = 1, s = 0. */
    static MultiLayerConfiguration singleConvolution() {
        return base().list(new Convolution1DLayer.Builder().nOut(1).kernelSize(5).convolutionMode(ConvolutionMode.Truncate)
                        .rnnDataFormat(RNNFormat.NCW).activation(Activation.IDENTITY).hasBias(false).build())
                .setInputType(InputType.recurrent(1, 20)).build();
    }

    /**
     * Dilation and stride, 1-D, Truncate, length 40: (k 3, d 2) r = 5; (k 3, s 2) r = 5 + 2 = 7,
     * j = 2; (k 3, d 2) r = 7 + 2 * 2 * 2 = 15, j = 2; start 0 throughout.
     */
    static MultiLayerConfiguration dilatedStrided() {
        return base().list(conv1d(3, 2, 1, ConvolutionMode.Truncate), conv1d(3, 1, 2, ConvolutionMode.Truncate),
                        conv1d(3, 2, 1, ConvolutionMode.Truncate))
                .setInputType(InputType.recurrent(1, 40)).build();
    }

    /**
     * An MNIST-like 2-D stack on 28 x 28, Same padding: conv 3x3 (p 1): r 3, j 1, s -1; average
     * pool 2x2/2: r 4, j 2, s -1; conv 3x3 on 14x14 (p 1): r 4 + 2*2 = 8, s -1 - 2 = -3; pool 2x2/2:
     * r 8 + 2 = 10, j 4, s -3; dense: the whole image.
     */
    static MultiLayerConfiguration sameModeImage() {
        return base().list(conv2d(3, ConvolutionMode.Same),
                        new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build(),
                        conv2d(3, ConvolutionMode.Same),
                        new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2).build(),
                        new DenseLayer.Builder().nOut(4).build(), output())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
    }

    /** The project's circularly padded CNN on a ring of 40 sites, filters of width 10, tanh. */
    static MultiLayerConfiguration circular() {
        return ConvolutionalNetwork.builder(40).channels(3).filterWidth(10).activation(HiddenActivation.TANH)
                .initScale(1).seed(3).build().configuration();
    }

    /**
     * Causal dilated convolutions (WaveNet-like), length 24: kernels 2 with dilations 1, 2, 4:
     * r = 1 + 1 + 2 + 4 = 8, j 1, s = -(1 + 2 + 4) = -7: step t sees t - 7 .. t.
     */
    static MultiLayerConfiguration causal() {
        return base().list(conv1d(2, 1, 1, ConvolutionMode.Causal), conv1d(2, 2, 1, ConvolutionMode.Causal),
                        conv1d(2, 4, 1, ConvolutionMode.Causal))
                .setInputType(InputType.recurrent(1, 24)).build();
    }

    /**
     * Strided convolution, upsampling, convolution (1-D, length 21, Truncate): (k 3, s 2): r 3, j 2,
     * s 0, 10 units; upsampling x2: r 3, j 1, 20 units; (k 2): unit w sees input w .. w + 2 for even
     * w and w - 1 .. w + 3 for odd w: r = 5 (the largest), j 1, s 0.
     */
    static MultiLayerConfiguration upsampled() {
        return base().list(conv1d(3, 1, 2, ConvolutionMode.Truncate), new Upsampling1D.Builder(2).build(),
                        conv1d(2, 1, 1, ConvolutionMode.Truncate))
                .setInputType(InputType.recurrent(1, 21)).build();
    }

    /**
     * Zero padding 2 then conv 5x5 (Truncate) then cropping 1, on 12 x 12: r 5, j 1, s -2, then
     * s -1 after cropping (on 12 x 12 maps: 16 padded, 12 convolved, 10 cropped).
     */
    static MultiLayerConfiguration paddedCropped() {
        return base().list(new ZeroPaddingLayer.Builder(2, 2).build(), conv2d(5, ConvolutionMode.Truncate),
                        new Cropping2D(1, 1), new ActivationLayer.Builder().activation(Activation.TANH).build())
                .setInputType(InputType.convolutional(12, 12, 1)).build();
    }

    /** A dense network D = 40 -> 20 -> 10 -> 1: full fields. */
    static MultiLayerConfiguration dense() {
        return base().list(new DenseLayer.Builder().nIn(40).nOut(20).build(), new DenseLayer.Builder().nOut(10).build(),
                        output())
                .setInputType(InputType.feedForward(40)).build();
    }

    /** 1-D average pooling with stride (kernel 4, stride 3) after a convolution: r 3 + 3 = 6, j 3. */
    static MultiLayerConfiguration pooled1d() {
        return base().list(conv1d(3, 1, 1, ConvolutionMode.Truncate),
                        // Subsampling1DLayer.Builder(PoolingType) ignores its argument in 1.0.0-M2.1 (max pooling)
                        new Subsampling1DLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(4).stride(3).build())
                .setInputType(InputType.recurrent(1, 30)).build();
    }

    /**
     * An inception/residual-style graph on 16 x 16 (Same padding): branch a = conv 1x1 (r 1);
     * branch b = conv 3x3, conv 3x3 (r 5, s -2); merge(a, b): the union, r 5, s -2; conv 3x3 on
     * the merge: r 7, s -3; add(that, branch b): r 7, s -3; global pooling: the whole image.
     */
    static ComputationGraphConfiguration inception() {
        return base().graphBuilder().addInputs("in")
                .addLayer("a", conv2d(1, ConvolutionMode.Same), "in")
                .addLayer("b1", conv2d(3, ConvolutionMode.Same), "in")
                .addLayer("b2", conv2d(3, ConvolutionMode.Same), "b1")
                .addVertex("merge", new MergeVertex(), "a", "b2")
                .addLayer("c", conv2d(3, ConvolutionMode.Same), "merge")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c", "b2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "add")
                .addLayer("out", output(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutional(16, 16, 1)).build();
    }
}
