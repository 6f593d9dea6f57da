package io.github.dl4jlocalization.nn;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.BaseActivationFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The DL4J activation {@code f(z) = erf(z / sqrt 2)}, with {@code f'(z) = sqrt(2/pi) exp(-z^2/2)}
 * ({@link HiddenActivation#ERF}). DL4J has none built in.
 *
 * <p>Stateless; it has a public no-argument constructor, so DL4J's JSON (and hence
 * {@code ModelSerializer}) stores it by class name and restores it.
 */
public final class ActivationErf extends BaseActivationFunction {
    private static final long serialVersionUID = 1L;

    static final double INV_SQRT2 = 1 / Math.sqrt(2);
    /** f'(0) = sqrt(2/pi). */
    static final double SLOPE_AT_ZERO = Math.sqrt(2 / Math.PI);

    /** Computes {@code in <- erf(in / sqrt 2)} in place, as DL4J's own activations do. */
    @Override
    public INDArray getActivation(INDArray in, boolean training) {
        return Nd4j.exec(new Erf(in.muli(INV_SQRT2)));
    }

    /** {@code dL/dz = epsilon * sqrt(2/pi) exp(-z^2/2)}; overwrites {@code in}. */
    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        assertShape(in, epsilon);
        INDArray gaussian = Transforms.exp(in.muli(in).muli(-0.5), false);
        return new Pair<>(gaussian.muli(SLOPE_AT_ZERO).muli(epsilon), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivationErf;
    }

    @Override
    public int hashCode() {
        return ActivationErf.class.hashCode();
    }

    @Override
    public String toString() {
        return "erf(z/sqrt2)";
    }
}
