package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PulseModelTest {

    @Test
    void defaultsGiveReferenceLengths() {
        PulseModel pulse = new PulseModel(40);
        assertEquals(3, pulse.shortestPulse(0));
        assertEquals(4, pulse.longestPulse(0));
        assertEquals(9, pulse.shortestPulse(1));
        assertEquals(10, pulse.longestPulse(1));
        assertEquals(Support.UNIT, PulseModel.DEFAULT_SUPPORT);
        assertEquals("pulse", pulse.name());
        assertEquals(-2, pulse.marginalExcessKurtosis(0).orElseThrow());
    }

    /**
     * The closed-form covariance against brute-force enumeration of every (length, start) with
     * equal weight (the random sign cancels in the product of two canonical outputs).
     */
    @Test
    void exactCovarianceMatchesEnumeration() {
        PulseModel[] models = {new PulseModel(40),
            new PulseModel(new ClassPair(0.3, 0.6), 0.4, 17, Support.SYMMETRIC),
            new PulseModel(new ClassPair(0.5, 0.1), 0.5, 9, Support.SYMMETRIC)};
        for (PulseModel model : models) {
            int n = model.dimension();
            double scale2 = model.covariance(0).orElseThrow().variance();
            for (int label = 0; label < 2; label++) {
                StationaryCovariance exact = model.covariance(label).orElseThrow();
                for (int d = 0; d < n; d++) {
                    double sum = 0;
                    int cases = 0;
                    for (int l = model.shortestPulse(label); l <= model.longestPulse(label); l++) {
                        for (int s = 0; s < n; s++) {
                            sum += canonical(s, l, n, 0) * canonical(s, l, n, d);
                            cases++;
                        }
                    }
                    assertEquals(sum / cases * scale2, exact.get(d, 0), 1e-14, model + " label " + label + " d " + d);
                }
            }
        }
    }

    private static double canonical(int start, int length, int n, int site) {
        return Math.floorMod(site - start, n) < length ? 1 : -1;
    }

    /**
     * Samples with the default 0/1 support: values in {0, 1}; every row has a run of the minority
     * value whose length is within the class's range (all lengths occur); the sample covariance
     * (known mean 1/2) matches the exact one within 5 SE, SE bounded by the variance of one term:
     * {@code x_p x_q} for 0/1 values is {@code (1 + y_p + y_q + y_p y_q)/4} in the +-1 output y,
     * and the centred product {@code (x_p - 1/2)(x_q - 1/2) = y_p y_q / 4} has variance
     * {@code (1 - c_y^2)/16}.
     */
    @Test
    void samplesMatchExactCovariance() {
        int rows = 40_000;
        PulseModel pulse = new PulseModel(40);
        for (int label = 0; label < 2; label++) {
            double[] x = SampleStatistics.draw(pulse, label, rows, 103 + label);
            Set<Integer> lengths = new HashSet<>();
            for (int r = 0; r < rows; r++) {
                int ones = 0;
                for (int i = 0; i < 40; i++) {
                    double v = x[r * 40 + i];
                    assertTrue(v == 0 || v == 1, "value " + v);
                    ones += (int) v;
                }
                lengths.add(Math.min(ones, 40 - ones));
            }
            assertEquals(Set.of(pulse.shortestPulse(label), pulse.longestPulse(label)), lengths);
            StationaryCovariance exact = pulse.covariance(label).orElseThrow();
            for (int d : new int[] {0, 1, 3, 5, 9, 20}) {
                double c = exact.get(d, 0);
                double cy = 4 * c;
                double se = Math.sqrt((1 - cy * cy) / 16 / rows);
                // d = 0: every term is exactly 1/4, so se = 0 and only round-off remains
                assertEquals(c, SampleStatistics.lagCovariance(x, exact, d, 0.5), 5 * se + 1e-15, "label " + label + " d " + d);
            }
        }
    }

    @Test
    void rejectsInvalidRanges() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PulseModel(new ClassPair(1.2, 0.2), 0.05, 40, Support.UNIT));
        assertEquals("xi[0] (pulse length fraction of class 0) must be a fraction in (0, 1), got 1.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PulseModel(new ClassPair(0.05, 0.2), 0.01, 40, Support.UNIT));
        assertTrue(e.getMessage().startsWith("pulse lengths of class 0 must be a non-empty range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PulseModel(new ClassPair(0.05, 0.9), 0.2, 40, Support.UNIT));
        assertEquals("longest pulse of class 1 must be <= L = 40 (xi + spread <= 1), got 44", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new PulseModel(new ClassPair(0.05, 0.2), 1, 40, Support.UNIT));
        assertEquals("pulse spread must be a fraction in (0, 1), got 1.0", e.getMessage());
    }
}
