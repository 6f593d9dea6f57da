package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The hidden-layer bias {@code b} of {@code h_k = w_k . x + b_k}: absent, trained from an initial
 * value, or fixed (the reference code's {@code use_bias}, {@code bias_value},
 * {@code bias_trainable}). The papers' settings: ReLU single neuron {@link #none()}; sigmoid SCM
 * {@link #trainable()} (init 0) or {@code fixed(-1)}.
 *
 * <p>Immutable value class.
 */
public final class Bias implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the bias enters the network. */
    public enum Kind {
        /** No bias: {@code h_k = w_k . x}. */
        NONE,
        /** A trained parameter {@code b_k} per hidden unit, all initialised to {@link #value()}. */
        TRAINABLE,
        /** The constant {@link #value()} for every unit, never trained. */
        FIXED
    }

    private static final Bias NONE = new Bias(Kind.NONE, 0);

    private final Kind kind;
    private final double value;

    private Bias(Kind kind, double value) {
        this.kind = kind;
        this.value = Require.finite("bias value", value);
    }

    /** No bias (the default, as for the ReLU single neuron). */
    public static Bias none() {
        return NONE;
    }

    /** A trainable bias initialised to 0. */
    public static Bias trainable() {
        return trainable(0);
    }

    /** A trainable bias, every unit initialised to {@code init} (finite). */
    public static Bias trainable(double init) {
        return new Bias(Kind.TRAINABLE, init);
    }

    /** A bias fixed at {@code value} (finite) for every unit, not trained. */
    public static Bias fixed(double value) {
        return new Bias(Kind.FIXED, value);
    }

    /** The kind of bias. */
    public Kind kind() {
        return kind;
    }

    /** The initial (TRAINABLE) or constant (FIXED) value; 0 for NONE. */
    public double value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bias other && kind == other.kind
                && Double.doubleToLongBits(value) == Double.doubleToLongBits(other.value);
    }

    @Override
    public int hashCode() {
        return 31 * kind.hashCode() + Double.hashCode(value);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case TRAINABLE -> "trainable(init=" + value + ")";
            case FIXED -> "fixed(" + value + ")";
        };
    }
}
