package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import static io.github.dl4jlocalization.metrics.LocalizationMetricsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SinusoidFitTest {

    private static double[] sinusoid(int length, double a, double f, double x0, double b) {
        double[] w = new double[length];
        for (int j = 0; j < length; j++) {
            double x = (double) j / (length - 1);
            w[j] = a * Math.sin(2 * Math.PI * f * (x - x0)) + b;
        }
        return w;
    }

    @Test
    void recoversAnExactSinusoid() {
        double[] w = sinusoid(40, 0.8, 2.3, 0.15, -0.1);
        SinusoidFit fit = SinusoidFit.fit(w);
        assertEquals(0.8, fit.amplitude(), 1e-9);
        assertEquals(2.3, fit.frequency(), 1e-9);
        assertEquals(0.15, fit.shift(), 1e-9);
        assertEquals(-0.1, fit.offset(), 1e-9);
        assertTrue(fit.relativeResidual() < 1e-9, "residual " + fit.relativeResidual());
        assertArrayEquals(w, fit.fitted(), 1e-9);
        assertEquals(40, fit.length());
    }

    @Test
    void recoversHighAndLowFrequencies() {
        SinusoidFit high = SinusoidFit.fit(sinusoid(100, 0.05, 31.7, 0.01, 0.3));
        assertEquals(31.7, high.frequency(), 1e-9);
        assertEquals(0.05, high.amplitude(), 1e-9);
        assertEquals(0.01, high.shift(), 1e-9);
        assertTrue(high.relativeResidual() < 1e-9, "residual " + high.relativeResidual());
        SinusoidFit low = SinusoidFit.fit(sinusoid(40, 1.5, 0.9, 0.2, 0));
        assertEquals(0.9, low.frequency(), 1e-9);
        assertTrue(low.relativeResidual() < 1e-9, "residual " + low.relativeResidual());
    }

    @Test
    void negativeAmplitudeIsReportedAsHalfPeriodShift() {
        double f = 3.1;
        SinusoidFit fit = SinusoidFit.fit(sinusoid(40, -0.5, f, 0.05, 0.2));
        assertEquals(0.5, fit.amplitude(), 1e-9);
        assertEquals(0.05 + 1 / (2 * f), fit.shift(), 1e-9);
        assertTrue(fit.relativeResidual() < 1e-9);
    }

    @Test
    void localizedBumpFitsBadly() {
        double[] w = new double[40];
        for (int j = 0; j < w.length; j++) {
            w[j] = Math.exp(-Math.pow(j - 17.0, 2) / 2);
        }
        SinusoidFit fit = SinusoidFit.fit(w);
        assertTrue(fit.relativeResidual() > 0.5, "residual " + fit.relativeResidual());
    }

    @Test
    void zeroVectorHasUndefinedResidualAndBadInputIsRejected() {
        SinusoidFit zero = SinusoidFit.fit(new double[8]);
        assertEquals(0, zero.amplitude());
        assertTrue(Double.isNaN(zero.relativeResidual()));
        assertMessage("w.length must be an integer >= 4, got 3", () -> SinusoidFit.fit(new double[3]));
        assertMessage("w[1] must be a finite number, got NaN", () -> SinusoidFit.fit(new double[] {0, Double.NaN, 0, 0}));
        assertMessage("amplitude must be a finite number >= 0, got -1.0", () -> new SinusoidFit(-1, 1, 0, 0, 4, 0));
        assertMessage("shift must be in [0, 1/frequency), got 0.5", () -> new SinusoidFit(1, 2, 0.5, 0, 4, 0));
    }
}
