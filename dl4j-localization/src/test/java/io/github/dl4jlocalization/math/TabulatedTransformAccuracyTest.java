package io.github.dl4jlocalization.math;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy of the tabulation, its exact tails, and the agreement of the scalar and bulk paths. */
class TabulatedTransformAccuracyTest {
    private static final double GAIN = 3;
    private static final double NORMALIZER = Math.sqrt(2 / Math.PI * Math.asin(2 * GAIN * GAIN / (1 + 2 * GAIN * GAIN)));
    private static final PointwiseTransform ERF = z -> Erf.erf(GAIN * z) / NORMALIZER;
    private static final double LO = -6.5 / GAIN;
    private static final double HI = 6.5 / GAIN;

    private static TabulatedTransform erfTable(int cells) {
        double slope = 2 * GAIN / Math.sqrt(Math.PI) / NORMALIZER;
        return new TabulatedTransform(ERF, z -> slope * Math.exp(-GAIN * GAIN * z * z), LO, HI, cells);
    }

    /**
     * Hermite interpolation reproduces cubics exactly (to round-off), whatever the number of
     * cells, including the ends of the interval and the last cell's padding copy.
     */
    @Test
    void cubicsAreExact() {
        PointwiseTransform cubic = z -> z * z * z - 2 * z + 0.5;
        for (int cells : new int[] {1, 7, 64}) {
            TabulatedTransform t = new TabulatedTransform(cubic, z -> 3 * z * z - 2, -1, 2, cells);
            for (double z : new double[] {-1, -0.999, 0, 0.3, 1.5, Math.nextDown(2.0), 1.9999999999}) {
                assertEquals(cubic.apply(z), t.apply(z), 1e-13, "cells=" + cells + " z=" + z);
            }
        }
    }

    /**
     * The NLGP transform {@code f(z) = erf(3z)/Z(3)} with the default 4096 cells: on a fine grid
     * and at the interval's ends, within the Hermite bound {@code h^4/384 max|f''''|} (1.31e-12
     * here; {@code f''''(z) = g^4 (2/sqrt pi) (12 x - 8 x^3) exp(-x^2) / Z} with x = g z,
     * maximised on a grid) plus 8 ulps of |f| &lt;= 1.2 for the round-off of the cubic; exact
     * (bitwise) outside [lo, hi).
     */
    @Test
    void defaultTableIsAccurateAndTailsAreExact() {
        TabulatedTransform t = erfTable(TabulatedTransform.DEFAULT_CELLS);
        double maxError = 0;
        for (int k = 0; k <= 100_000; k++) {
            double z = LO + (HI - LO) * k / 100_000.0;
            maxError = Math.max(maxError, Math.abs(t.apply(z) - ERF.apply(z)));
        }
        maxError = Math.max(maxError, Math.abs(t.apply(Math.nextDown(HI)) - ERF.apply(Math.nextDown(HI))));
        double fourth = 0;
        for (int k = 0; k <= 100_000; k++) {
            double x = GAIN * (LO + (HI - LO) * k / 100_000.0);
            fourth = Math.max(fourth, Math.abs((12 * x - 8 * x * x * x) * Math.exp(-x * x)));
        }
        fourth *= Math.pow(GAIN, 4) * 2 / Math.sqrt(Math.PI) / NORMALIZER;
        double h = (HI - LO) / TabulatedTransform.DEFAULT_CELLS;
        double bound = Math.pow(h, 4) / 384 * fourth + 8 * Math.ulp(1.2);
        assertTrue(maxError <= bound, "max error " + maxError + " > bound " + bound);
        for (double z : new double[] {HI, Math.nextUp(HI), 5, Math.nextDown(LO), -40, Double.NEGATIVE_INFINITY}) {
            assertEquals(ERF.apply(z), t.apply(z), 0, "z=" + z);
        }
    }

    /** {@link TabulatedTransform#applyInPlace} gives exactly {@link TabulatedTransform#apply}. */
    @Test
    void bulkPathEqualsScalarPath() {
        TabulatedTransform t = erfTable(512);
        SplittableRandom random = new SplittableRandom(4);
        double[] values = new double[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1.5 * random.nextGaussian();
        }
        values[0] = LO;
        values[1] = HI;
        values[2] = Math.nextDown(HI);
        double[] bulk = values.clone();
        t.applyInPlace(bulk, 3, values.length - 3);
        for (int i = 0; i < values.length; i++) {
            assertEquals(i < 3 ? values[i] : t.apply(values[i]), bulk[i], 0, "index " + i);
        }
    }

    @Test
    void rejectsInvalidIntervals() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TabulatedTransform(ERF, z -> 0, 1, 1, 8));
        assertTrue(e.getMessage().contains("hi"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TabulatedTransform(ERF, z -> 0, 0, 1, 0));
        assertTrue(e.getMessage().contains("cells"), e.getMessage());
    }
}
