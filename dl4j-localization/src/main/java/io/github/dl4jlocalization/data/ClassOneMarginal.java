package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.util.Require;

/**
 * What the effective dynamics of a single ReLU neuron need to know of a model's class-1 inputs
 * (the localization amplifier phi of docs/science.md 5.1-5.2, built by the theory package's
 * {@code Amplifier.forModel}): the single-pixel marginal where it is known exactly, and the output
 * {@link Support} (the dynamics assume the papers' (-1, 1)). A model states its own in
 * {@link DataModel#classOneMarginal()}; a model that states none is sampled instead.
 */
public sealed interface ClassOneMarginal {

    /** The output support of the values. */
    Support support();

    /** Standard normal values: phi is exactly linear. */
    record Gaussian(Support support) implements ClassOneMarginal {
        /** Validates. */
        public Gaussian {
            Require.nonNull("support", support);
        }
    }

    /** Values +-1 with probability 1/2: phi(a) = erf(a / sqrt(2 (1 - a^2))). */
    record Binary(Support support) implements ClassOneMarginal {
        /** Validates. */
        public Binary {
            Require.nonNull("support", support);
        }
    }

    /**
     * Values {@code X = T(z)}, z standard normal, T odd with {@code E[T(z)^2] = 1}: phi by
     * quadrature over z.
     *
     * @param transform T
     * @param name      a name for the amplifier's {@code toString()}
     */
    record Transformed(PointwiseTransform transform, String name, Support support) implements ClassOneMarginal {
        /** Validates. */
        public Transformed {
            Require.nonNull("transform", transform);
            Require.nonNull("name", name);
            Require.nonNull("support", support);
        }
    }

    /**
     * Elliptically symmetric inputs {@code x = s r Lambda u}: for them
     * {@code E[1(w.x >= 0) x] = (E|X|/2) Sigma w / sqrt(w' Sigma w)} exactly (docs/science.md 2.8),
     * so phi is linear with slope {@code E|X|}, whatever the marginal's kurtosis.
     *
     * @param meanAbsoluteValue E|X| > 0
     */
    record Elliptical(double meanAbsoluteValue, Support support) implements ClassOneMarginal {
        /** Validates. */
        public Elliptical {
            Require.positive("meanAbsoluteValue", meanAbsoluteValue);
            Require.nonNull("support", support);
        }
    }
}
