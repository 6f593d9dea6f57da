package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Objects;

/**
 * What every network of this package is built from, besides its own shape: the input dimension
 * D, the hidden nonlinearity, the hidden (or convolution) bias, the readout, the initial-weight
 * variance multiplier, the SGD learning rate and the initialisation seed, validated once here
 * ({@link NetworkBuilder} sets them). Subclasses: {@link ShallowNetwork}, {@link ConvolutionalNetwork}.
 * Immutable and serialisable.
 */
public abstract class NetworkSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    final int inputDimension;
    final HiddenActivation activation;
    final Bias bias;
    final Readout readout;
    final double initScale;
    final double learningRate;
    final long seed;

    NetworkSpec(NetworkBuilder<?> b) {
        this.inputDimension = Require.atLeast("inputDimension", b.inputDimension, 1);
        this.activation = Require.nonNull("activation", b.activation);
        this.bias = Require.nonNull("bias", b.bias);
        this.readout = Require.nonNull("readout", b.readout);
        this.initScale = Require.positive("initScale", b.initScale);
        this.learningRate = Require.positive("learningRate", b.learningRate);
        this.seed = b.seed;
    }

    /** D. */
    public final int inputDimension() {
        return inputDimension;
    }

    /** sigma. */
    public final HiddenActivation activation() {
        return activation;
    }

    /** The hidden (convolution) bias. */
    public final Bias bias() {
        return bias;
    }

    /** The readout. */
    public final Readout readout() {
        return readout;
    }

    /** The variance multiplier of the initial weights. */
    public final double initScale() {
        return initScale;
    }

    /** The SGD learning rate (the reference's, see {@link ShallowNetwork}). */
    public final double learningRate() {
        return learningRate;
    }

    /** The seed of the initialisation (and of DL4J's own random state). */
    public final long seed() {
        return seed;
    }

    /** Sets the shared options of {@code b} to this network's. */
    final <B extends NetworkBuilder<B>> B withOptions(B b) {
        return b.activation(activation).bias(bias).readout(readout).initScale(initScale).learningRate(learningRate)
                .seed(seed);
    }

    /** Whether {@code o} has the same shared options (its class is checked by the caller). */
    final boolean sameOptions(NetworkSpec o) {
        return inputDimension == o.inputDimension && activation == o.activation && bias.equals(o.bias)
                && readout == o.readout && Double.compare(initScale, o.initScale) == 0
                && Double.compare(learningRate, o.learningRate) == 0 && seed == o.seed;
    }

    /** The hash of the shared options. */
    final int optionsHash() {
        return Objects.hash(inputDimension, activation, bias, readout, initScale, learningRate, seed);
    }

    /** {@code sigma=.., bias=.., initScale=.., lr=.., seed=..} for {@code toString()}. */
    final String optionsString() {
        return "sigma=" + activation + ", bias=" + bias + ", initScale=" + initScale + ", lr=" + learningRate
                + ", seed=" + seed;
    }
}
