package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.config.ConfigValues;
import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.config.ValueType;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * What every network of this package is built from, besides its own shape: the input dimension
 * D, the hidden nonlinearity, the hidden (or convolution) bias, the readout, the initial-weight
 * variance multiplier, the SGD learning rate and the initialisation seed, validated once here
 * ({@link NetworkBuilder} sets them). Subclasses: {@link ShallowNetwork}, {@link ConvolutionalNetwork}.
 * Immutable and serialisable.
 *
 * <p>The options are declared once, as {@link Parameter}s named as config files and flags name
 * them ({@link #ACTIVATION}, {@link #BIAS}, {@link #READOUT}, {@link #INIT_SCALE},
 * {@link #LEARNING_RATE}): their defaults are the builders', their ranges the checks here, so a
 * bad value is reported under one name everywhere ({@code lr must be a finite number > 0}).
 */
public abstract class NetworkSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The hidden nonlinearity sigma: {@code relu} (default), {@code sigmoid}, {@code tanh}, {@code erf}. */
    public static final Parameter<HiddenActivation> ACTIVATION = Parameter.enumeration("activation",
            HiddenActivation.class).defaultValue(HiddenActivation.RELU)
            .help("Hidden nonlinearity sigma; erf is erf(h/sqrt 2)");
    /** The hidden bias, written {@code none} (default), {@code trainable[:INIT]} or {@code fixed:VALUE}. */
    public static final Parameter<Bias> BIAS = Parameter.of("bias", ValueType.of(String.class, "SPEC",
                    (name, value) -> parseBias(name, ConfigValues.string(name, value)), NetworkSpec::formatBias))
            .defaultValue(Bias.none()).help("Hidden bias: none, trainable (init 0), trainable:INIT or fixed:VALUE");
    /** The readout: {@code frozen} (soft committee machine, default) or {@code trained} (two-layer). */
    public static final Parameter<Readout> READOUT = Parameter.enumeration("readout", Readout.class)
            .defaultValue(Readout.FROZEN)
            .help("Readout: frozen is the soft committee machine, trained the two-layer network");
    /** The variance multiplier of the initial weights, finite and > 0 (default 0.001). */
    public static final Parameter<Double> INIT_SCALE = Parameter.real("initScale").range(Range.positive())
            .defaultValue(ShallowNetwork.DEFAULT_INIT_SCALE).help("Variance multiplier of the initial weights");
    /** The SGD learning rate, finite and > 0 (default 0.1), under the config key {@code lr}. */
    public static final Parameter<Double> LEARNING_RATE = Parameter.real("lr").range(Range.positive())
            .defaultValue(ShallowNetwork.DEFAULT_LEARNING_RATE)
            .help("SGD learning rate on the reference's loss, the batch mean of (y_hat - y)^2");

    final int inputDimension;
    final HiddenActivation activation;
    final Bias bias;
    final Readout readout;
    final double initScale;
    final double learningRate;
    final long seed;

    NetworkSpec(NetworkBuilder<?> b) {
        this.inputDimension = Require.atLeast("inputDimension", b.inputDimension, 1);
        this.activation = ACTIVATION.check(b.activation);
        this.bias = BIAS.check(b.bias);
        this.readout = READOUT.check(b.readout);
        this.initScale = INIT_SCALE.check(b.initScale);
        this.learningRate = LEARNING_RATE.check(b.learningRate);
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

    /** {@code none}, {@code trainable:INIT} or {@code fixed:VALUE}: how config files write a bias. */
    static String formatBias(Bias bias) {
        return switch (bias.kind()) {
            case NONE -> "none";
            case TRAINABLE -> "trainable:" + bias.value();
            case FIXED -> "fixed:" + bias.value();
        };
    }

    /** Parses {@code none}, {@code trainable} (init 0), {@code trainable:INIT} or {@code fixed:VALUE}, case ignored. */
    static Bias parseBias(String name, String text) {
        String accepted = "none, trainable, trainable:INIT or fixed:VALUE (e.g. fixed:-1)";
        String t = Require.nonNull(name, text).trim().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String kind = colon < 0 ? t : t.substring(0, colon);
        String value = colon < 0 ? null : t.substring(colon + 1);
        try {
            return switch (kind) {
                case "none" -> {
                    Require.that(value == null, name, text, accepted);
                    yield Bias.none();
                }
                case "trainable" -> value == null ? Bias.trainable() : Bias.trainable(Double.parseDouble(value));
                case "fixed" -> {
                    Require.that(value != null, name, text, accepted);
                    yield Bias.fixed(Double.parseDouble(value));
                }
                default -> throw new IllegalArgumentException(name + " must be " + accepted + ", got " + text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be " + accepted + ", got " + text, e);
        }
    }
}
