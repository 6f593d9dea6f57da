package io.github.dl4jlocalization.nn;

import org.apache.commons.math3.special.Erf;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The hidden-unit nonlinearities sigma of the papers' networks, each with its scalar value and
 * derivative (the reference for gradient formulas) and the DL4J {@link IActivation} that computes
 * it inside a network.
 *
 * <table>
 *   <caption>Definitions</caption>
 *   <tr><th>constant</th><th>sigma(h)</th><th>sigma'(h)</th></tr>
 *   <tr><td>RELU</td><td>max(0, h)</td><td>1 if h &gt; 0, else 0 (so ReLU'(0) = 0, the JAX
 *       convention, which DL4J's {@link ActivationReLU} also follows)</td></tr>
 *   <tr><td>SIGMOID</td><td>1 / (1 + e^-h) (logistic)</td><td>sigma(h) (1 - sigma(h))</td></tr>
 *   <tr><td>TANH</td><td>tanh(h)</td><td>1 - tanh(h)^2</td></tr>
 *   <tr><td>ERF</td><td>erf(h / sqrt 2)</td><td>sqrt(2/pi) exp(-h^2/2)</td></tr>
 * </table>
 *
 * <p>ERF is the "erf-type unit" psi(z) = erf(z/sqrt 2) of the authors' notes (the odd sigmoid whose
 * derivative is a standard Gaussian density times 2); DL4J has no such activation, so it is computed
 * by {@link ActivationErf}.
 */
public enum HiddenActivation {
    /** {@code max(0, h)}. */
    RELU {
        @Override
        public double value(double h) {
            return h > 0 ? h : 0;
        }

        @Override
        public double derivative(double h) {
            return h > 0 ? 1 : 0;
        }

        @Override
        public IActivation activationFunction() {
            return new ActivationReLU();
        }
    },
    /** The logistic function {@code 1 / (1 + e^-h)}. */
    SIGMOID {
        @Override
        public double value(double h) {
            return 1 / (1 + Math.exp(-h));
        }

        @Override
        public double derivative(double h) {
            double s = value(h);
            return s * (1 - s);
        }

        @Override
        public IActivation activationFunction() {
            return new ActivationSigmoid();
        }
    },
    /** {@code tanh(h)}. */
    TANH {
        @Override
        public double value(double h) {
            return Math.tanh(h);
        }

        @Override
        public double derivative(double h) {
            double t = Math.tanh(h);
            return 1 - t * t;
        }

        @Override
        public IActivation activationFunction() {
            return new ActivationTanH();
        }
    },
    /** {@code erf(h / sqrt 2)}. */
    ERF {
        @Override
        public double value(double h) {
            return Erf.erf(h * ActivationErf.INV_SQRT2);
        }

        @Override
        public double derivative(double h) {
            return ActivationErf.SLOPE_AT_ZERO * Math.exp(-0.5 * h * h);
        }

        @Override
        public IActivation activationFunction() {
            return new ActivationErf();
        }
    };

    /** sigma(h). */
    public abstract double value(double h);

    /** sigma'(h). */
    public abstract double derivative(double h);

    /** A new DL4J activation function computing sigma elementwise (with sigma' in backprop). */
    public abstract IActivation activationFunction();
}
