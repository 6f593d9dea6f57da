package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy check of tabulated transforms against their exact functions. */
final class TransformAccuracy {
    private TransformAccuracy() {
    }

    /**
     * Asserts {@code |table(z) - f(z)| <= 1e-11 (|f(z)| + 0.01)} on 400,001 points of
     * [-half, half] (a step incommensurate with the table grid, so cell interiors are probed):
     * relative error 1e-11 wherever |f| >= 0.01, and near the zero of the odd transforms an
     * absolute 1e-13, the cubic Hermite truncation bound {@code h^4/384 max|f^(4)|} for the
     * marginals' cell width h = 13/4096 and {@code |f^(4)| ~ 0.1} at z = 0 (the Laplace transform,
     * whose second derivative jumps there, reaches 5e-14).
     */
    static void assertAccurate(PointwiseTransform table, DoubleUnaryOperator exact, double half, String what) {
        double worst = 0;
        double where = 0;
        int points = 200_000;
        for (int i = -points; i <= points; i++) {
            double z = i * (half / points) * 0.99999937;
            double f = exact.applyAsDouble(z);
            double error = Math.abs(table.apply(z) - f) / (Math.abs(f) + 0.01);
            if (error > worst) {
                worst = error;
                where = z;
            }
        }
        assertTrue(worst <= 1e-11, what + ": scaled error " + worst + " at z = " + where);
    }
}
