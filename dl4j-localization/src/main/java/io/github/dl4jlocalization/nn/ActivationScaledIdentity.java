package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The DL4J activation {@code f(z) = s z} for a fixed factor {@code s}, with {@code f'(z) = s}.
 *
 * <p>{@link ShallowNetwork} puts it on the output layer with {@code s = 1/K}, which realises the
 * papers' {@code 1/K} readout normalisation {@code y = (v . sigma + c) / K} without touching the
 * readout parameters (see there for why that matters to SGD).
 *
 * <p>Serialised to DL4J's JSON as {@code {"@class": ..., "scale": s}}.
 */
public final class ActivationScaledIdentity extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    @JsonProperty("scale")
    private final double scale;

    /** @param scale the factor s, finite and non-zero */
    @JsonCreator
    public ActivationScaledIdentity(@JsonProperty("scale") double scale) {
        Require.that(Double.isFinite(scale) && scale != 0, "scale", scale, "a finite non-zero number");
        this.scale = scale;
    }

    /** The factor s. */
    public double scale() {
        return scale;
    }

    /** Computes {@code in <- s in} in place. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return in.muli(scale);
    }

    /** {@code dL/dz = s epsilon} (a new array). */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        return new Pair<>(epsilon.mul(scale), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationScaledIdentity other
                && Double.doubleToLongBits(scale) == Double.doubleToLongBits(other.scale);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "identity*" + scale;
    }
}
