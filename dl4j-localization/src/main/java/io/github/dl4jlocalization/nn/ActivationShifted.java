package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A DL4J activation with a built-in constant offset: {@code f(z) = sigma(z + beta)},
 * {@code f'(z) = sigma'(z + beta)}, for any inner activation sigma.
 *
 * <p>This is how {@link ShallowNetwork} realises a FIXED hidden bias {@code beta}: a layer without
 * a bias parameter whose activation is shifted. The bias is then part of the architecture rather
 * than a parameter kept still by updater settings, so nothing can train it by accident. (Measured in
 * DL4J 1.0.0-M2.1: a {@code NoOp} updater does <em>not</em> freeze a parameter, the gradient is still
 * subtracted, merely not multiplied by a learning rate; a zero-learning-rate {@code Sgd(0)} does
 * freeze, but {@code MultiLayerNetwork.setLearningRate} resets it for a layer's weights.)
 *
 * <p>Serialised to DL4J's JSON as {@code {"@class": ..., "activation": {...}, "shift": beta}}.
 */
public final class ActivationShifted extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("activation")
    private final IActivation activation;
    @JsonProperty("shift")
    private final double shift;

    /**
     * @param activation the inner activation sigma
     * @param shift      the constant offset beta, finite
     */
    @JsonCreator
    public ActivationShifted(@JsonProperty("activation") IActivation activation,
                             @JsonProperty("shift") double shift) {
        this.activation = Require.nonNull("activation", activation);
        this.shift = Require.finite("shift", shift);
    }

    /** The inner activation sigma. */
    public IActivation activation() {
        return activation;
    }

    /** The offset beta. */
    public double shift() {
        return shift;
    }

    /** Computes {@code sigma(in + beta)}, overwriting {@code in} as DL4J's activations may. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return activation.getActivation(in.addi(shift), training);
    }

    /** {@code dL/dz = epsilon * sigma'(z + beta)}; overwrites {@code in}. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return activation.backprop(in.addi(shift), epsilon);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationShifted other
                && activation.equals(other.activation)
                && Double.doubleToLongBits(shift) == Double.doubleToLongBits(other.shift);
    }

    @Override
    public int hashCode() {
        return 31 * activation.hashCode() + Double.hashCode(shift);
    }

    @Override
    public String toString() {
        return activation + "(z" + (shift < 0 ? " - " + -shift : " + " + shift) + ")";
    }
}
