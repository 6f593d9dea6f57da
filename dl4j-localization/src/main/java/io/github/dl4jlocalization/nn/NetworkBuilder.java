package io.github.dl4jlocalization.nn;

/**
 * The options every network of this package shares ({@link NetworkSpec}), set on its builder: the
 * input dimension (given to the network's {@code builder(D)}), the hidden nonlinearity,
 * the hidden (or convolution) bias, the readout, the initial-weight variance multiplier, the SGD
 * learning rate and the initialisation seed. Values are validated by the network's
 * {@code build()}. Defaults (those of the declarations {@link NetworkSpec#ACTIVATION}, ...): RELU,
 * {@link Bias#none()}, {@link Readout#FROZEN}, initScale 0.001, learning rate 0.1, seed 0.
 *
 * @param <B> the concrete builder type
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B>> {
    final int inputDimension;
    HiddenActivation activation = NetworkSpec.ACTIVATION.defaultValue();
    Bias bias = NetworkSpec.BIAS.defaultValue();
    Readout readout = NetworkSpec.READOUT.defaultValue();
    double initScale = NetworkSpec.INIT_SCALE.defaultValue();
    double learningRate = NetworkSpec.LEARNING_RATE.defaultValue();
    long seed = ShallowNetwork.DEFAULT_SEED;

    NetworkBuilder(int inputDimension) {
        this.inputDimension = inputDimension;
    }

    /** This builder, typed as its concrete class. */
    abstract B self();

    /** The hidden nonlinearity sigma (default RELU). */
    public B activation(HiddenActivation activation) {
        this.activation = activation;
        return self();
    }

    /** The hidden (convolution) bias (default none). */
    public B bias(Bias bias) {
        this.bias = bias;
        return self();
    }

    /** FROZEN (soft committee machine, mean over units; default) or TRAINED (two-layer) readout. */
    public B readout(Readout readout) {
        this.readout = readout;
        return self();
    }

    /** Variance multiplier of the initial weights, finite and > 0 (default 0.001). */
    public B initScale(double initScale) {
        this.initScale = initScale;
        return self();
    }

    /** SGD learning rate, finite and > 0 (default 0.1; {@link NetworkSpec#LEARNING_RATE}, named {@code lr}). */
    public B learningRate(double learningRate) {
        this.learningRate = learningRate;
        return self();
    }

    /** Seed of the initialisation (default 0). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }
}
