package io.github.dl4jlocalization.nn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationsTest {
    /** Grid of pre-activations, with 0 exactly (ReLU'(0)) and values in the saturated tails. */
    private static final double[] Z = {-6, -2.5, -1, -0.3, 0, 1e-3, 0.7, 1.5, 4};

    @Test
    void scalarValuesAtKnownPoints() {
        assertEquals(0.5, HiddenActivation.SIGMOID.value(0), 0);
        assertEquals(0.25, HiddenActivation.SIGMOID.derivative(0), 1e-16);
        assertEquals(0.6826894921370859, HiddenActivation.ERF.value(1), 1e-15); // P(|N(0,1)| < 1)
        assertEquals(Math.sqrt(2 / Math.PI), HiddenActivation.ERF.derivative(0), 1e-16);
        assertEquals(0, HiddenActivation.RELU.derivative(0), 0, "ReLU'(0) := 0 (JAX)");
        assertEquals(1, HiddenActivation.RELU.derivative(1e-300), 0);
        assertEquals(0.7615941559557649, HiddenActivation.TANH.value(1), 1e-16);
    }

    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void derivativeIsTheSlopeOfTheValue(HiddenActivation sigma) {
        double eps = 1e-5;
        for (double z : Z) {
            if (z == 0 && sigma == HiddenActivation.RELU) {
                continue; // the kink: the convention is tested above
            }
            double central = (sigma.value(z + eps) - sigma.value(z - eps)) / (2 * eps);
            // central difference error ~ eps^2 |sigma'''| / 6 < 1e-10 for these functions
            assertEquals(central, sigma.derivative(z), 1e-9, sigma + " at " + z);
        }
    }

    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void dl4jActivationComputesTheScalarFunctionAndItsDerivative(HiddenActivation sigma) {
        assertMatches(sigma.activationFunction(), 0, sigma);
    }

    @ParameterizedTest
    @EnumSource(HiddenActivation.class)
    void shiftedActivationIsSigmaOfZPlusBeta(HiddenActivation sigma) {
        assertMatches(new ActivationShifted(sigma.activationFunction(), -0.75), -0.75, sigma);
    }

    @Test
    void scaledIdentityScalesValueAndGradient() {
        IActivation f = new ActivationScaledIdentity(1.0 / 3);
        INDArray z = Nd4j.create(Z);
        double[] out = f.getActivation(z.dup(), true).toDoubleVector();
        INDArray eps = Nd4j.linspace(1, Z.length, Z.length).castTo(z.dataType());
        double[] grad = f.backprop(z.dup(), eps.dup()).getFirst().toDoubleVector();
        for (int i = 0; i < Z.length; i++) {
            // the factor is applied as one float64 multiplication by s = 1/3
            assertEquals(Z[i] * (1.0 / 3), out[i], 0);
            assertEquals((i + 1) * (1.0 / 3), grad[i], 0);
        }
        assertEquals(1.0 / 3, ((ActivationScaledIdentity) f).scale(), 0);
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ActivationScaledIdentity(0))
                .getMessage().startsWith("scale must be"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new ActivationShifted(new ActivationErf(), Double.NaN)).getMessage().startsWith("shift must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ActivationShifted(null, 0))
                .getMessage().startsWith("activation must be"));
    }

    /** f(z) = sigma(z + shift) and backprop(z, eps) = eps * sigma'(z + shift), elementwise. */
    private static void assertMatches(IActivation f, double shift, HiddenActivation sigma) {
        INDArray z = Nd4j.create(Z);
        double[] out = f.getActivation(z.dup(), true).toDoubleVector();
        INDArray eps = Nd4j.linspace(1, Z.length, Z.length).castTo(z.dataType()).muli(0.5);
        double[] grad = f.backprop(z.dup(), eps.dup()).getFirst().toDoubleVector();
        for (int i = 0; i < Z.length; i++) {
            double h = Z[i] + shift;
            assertEquals(sigma.value(h), out[i], 1e-14 * Math.max(1, Math.abs(out[i])), f + " at " + h);
            double expected = 0.5 * (i + 1) * sigma.derivative(h);
            assertEquals(expected, grad[i], 1e-14 * Math.max(1, Math.abs(expected)), f + "' at " + h);
        }
    }
}
