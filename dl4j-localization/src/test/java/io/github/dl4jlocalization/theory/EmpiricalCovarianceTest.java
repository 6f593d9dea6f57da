package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.NlgpCloneModel;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.PulseModel;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.data.Support;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmpiricalCovarianceTest {

    /** The site index of displacement -s (per axis modulo L). */
    private static int mirror(StationaryCovariance c, int s) {
        int n = c.length();
        if (c.dims() == 1) {
            return (n - s) % n;
        }
        return ((n - s / n) % n) * n + (n - s % n) % n;
    }

    /**
     * Gaussian fields (the NLGP clone): the estimate at each displacement s is within 5 standard
     * errors of its expectation. For one sample, {@code Y = (1/D) sum_i x_i x_(i+s)} has, by
     * Isserlis' theorem, {@code Var(Y) = (1/D) sum_delta [C(delta)^2 + C(delta - s) C(delta + s)]};
     * over n samples divide by n. The translation-averaged mean m is subtracted, which biases the
     * estimate by {@code -E[m^2] = -Var(m) = -(1/(n D)) sum_delta C(delta)} (included in the
     * expectation; its own fluctuation is O(1/n), far below the tolerance).
     */
    private static void assertConverges(NlgpCloneModel model, int label, int samples, int length, int dims) {
        StationaryCovariance exact = model.covariance(label).orElseThrow();
        StationaryCovariance estimate = EmpiricalCovariance.estimate(model, label, samples, 17, length, dims);
        int d = exact.dimension();
        double sumC = 0;
        for (int delta = 0; delta < d; delta++) {
            sumC += exact.get(delta, 0);
        }
        double meanBias = sumC / ((double) samples * d);
        for (int s = 0; s < d; s++) {
            double variance = 0;
            for (int delta = 0; delta < d; delta++) {
                double c = exact.get(delta, 0);
                variance += c * c + exact.get(delta, s) * exact.get(delta, mirror(exact, s));
            }
            double se = Math.sqrt(variance / d / samples);
            assertEquals(exact.get(s, 0) - meanBias, estimate.get(s, 0), 5 * se, "displacement index " + s);
        }
    }

    @Test
    void ringEstimateConvergesToExactCovariance() {
        NlgpCloneModel model = new NlgpCloneModel(3, new ClassPair(1, 3), 40, 1, Support.SYMMETRIC);
        assertConverges(model, 1, 20_000, 40, 1);
        assertConverges(model, 0, 5_000, 40, 1);
    }

    @Test
    void torusEstimateConvergesToExactCovariance() {
        NlgpCloneModel model = new NlgpCloneModel(3, new ClassPair(1, 2), 8, 2, Support.SYMMETRIC);
        assertConverges(model, 1, 5_000, 8, 2);
    }

    /**
     * The translation-averaged mean is removed: pulses with support (0, 1) have mean 1/2, and the
     * estimate converges to the exact (centred) covariance, not to the second moment (0.25 higher).
     * Tolerance from bounds: per sample, {@code (1/D) sum_i x_i x_(i+s)} and the sample mean lie
     * in [0, 1] (variance <= 1/4 each), and {@code |m^2 - 1/4| <= 2 |m - 1/2|}, so the estimate's
     * standard deviation is at most {@code (1/2 + 1)/sqrt(n)}; 5 of them at n = 40,000 is 0.0375.
     */
    @Test
    void meanIsRemoved() {
        PulseModel model = new PulseModel(40);
        int samples = 40_000;
        StationaryCovariance exact = model.covariance(1).orElseThrow();
        StationaryCovariance estimate = EmpiricalCovariance.estimate(model, 1, samples, 4, 40, 1);
        for (int s = 0; s < 40; s++) {
            assertEquals(exact.get(s, 0), estimate.get(s, 0), 5 * 1.5 / Math.sqrt(samples), "displacement " + s);
        }
    }

    /** The estimate is exactly symmetric and deterministic in its seed. */
    @Test
    void symmetricAndReproducible() {
        NlgpModel model = new NlgpModel(3, new ClassPair(1, 3), 7, 2, Support.SYMMETRIC);
        StationaryCovariance a = EmpiricalCovariance.estimate(model, 0, 300, 1, 7, 2);
        assertEquals(a, EmpiricalCovariance.estimate(model, 0, 300, 1, 7, 2));
        for (int s = 0; s < 49; s++) {
            assertEquals(a.get(s, 0), a.get(0, s), 0, "k and -k");
        }
        CirculantOperator.of(a);
    }

    @Test
    void rejectsBadArguments() {
        NlgpModel model = new NlgpModel(3, new ClassPair(1, 3), 16);
        assertEquals("model dimension must be L^dim = 4 for L = 4, dim = 1, got 16",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(model, 0, 10, 1, 4, 1)).getMessage());
        assertEquals("model dimension must be L^dim = 9 for L = 3, dim = 2, got 16",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(model, 0, 10, 1, 3, 2)).getMessage());
        assertEquals("samples must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(model, 0, 0, 1, 16, 1)).getMessage());
        assertEquals("label must be 0 or 1, got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(model, 2, 10, 1, 16, 1)).getMessage());
        assertEquals("dim must be an integer in [1, 2], got 3",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(model, 0, 10, 1, 16, 3)).getMessage());
        assertEquals("model must be given, got null",
                assertThrows(IllegalArgumentException.class,
                        () -> EmpiricalCovariance.estimate(null, 0, 10, 1, 16, 1)).getMessage());
    }
}
