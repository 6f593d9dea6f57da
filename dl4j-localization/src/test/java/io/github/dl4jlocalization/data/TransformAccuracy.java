package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;

import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy check of tabulated transforms against their exact functions. */
final class TransformAccuracy {
    private TransformAccuracy() {
    }

    /**
     * Asserts {@code |table(z) - f(z)| <= 1e-11 (|f(z)| + 1e-3)} on 400,001 points of [-half, half]
     * (a step incommensurate with the table grid, so cell interiors are probed): relative error
     * 1e-11 wherever |f| >= 1e-3, and near the zero of the odd transforms an absolute 1e-14, the
     * round-off floor of the O(1) table coefficients.
     */
    static void assertAccurate(PointwiseTransform table, DoubleUnaryOperator exact, double half, String what) {
        double worst = 0;
        double where = 0;
        int points = 200_000;
        for (int i = -points; i <= points; i++) {
            double z = i * (half / points) * 0.99999937;
            double f = exact.applyAsDouble(z);
            double error = Math.abs(table.apply(z) - f) / (Math.abs(f) + 1e-3);
            if (error > worst) {
                worst = error;
                where = z;
            }
        }
        assertTrue(worst <= 1e-11, what + ": scaled error " + worst + " at z = " + where);
    }
}
