package io.github.dl4jlocalization.data;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RadialLaw#firstMoment}, used for the slope {@code E|X|} of the elliptical amplifier. */
class RadialLawFirstMomentTest {

    /** Closed forms of shell and extreme against the quadrature of the same radial quantiles. */
    @Test
    void closedFormsMatchQuadrature() {
        assertEquals(1, RadialLaw.shell().firstMoment(40), 0);
        DoubleUnaryOperator extremeQuantile = v -> 2 + 0.5 * Math.log1p(2 * v / (1 - v));
        assertEquals(RadialLaw.quantile(extremeQuantile, "extreme by quadrature").firstMoment(40),
                RadialLaw.extreme().firstMoment(40), 1e-11);
        assertEquals(2 + Math.log(2), RadialLaw.extreme().firstMoment(7), 1e-15);
    }

    /**
     * Student t radius {@code r = ||eps|| sqrt((df-2)/W)}: sample mean against E[r], within 5 SE
     * with {@code Var(r) = E[r^2] - E[r]^2 = D - E[r]^2} (exact), for a heavy (df = 5) and a light
     * (df = 30) law. At df = 5, 5 SE = 0.090 at n = 20,000 while E[r] = 5.79.
     */
    @Test
    void studentTMatchesSamples() {
        int d = 40;
        int n = 20_000;
        SplittableRandom random = new SplittableRandom(3);
        for (double df : new double[] {5, 30}) {
            RadialLaw law = RadialLaw.studentT(df);
            double sum = 0;
            for (int s = 0; s < n; s++) {
                double norm2 = 0;
                for (int i = 0; i < d; i++) {
                    double e = random.nextGaussian();
                    norm2 += e * e;
                }
                sum += law.sample(d, Math.sqrt(norm2), random);
            }
            double mean = law.firstMoment(d);
            double se = Math.sqrt((d - mean * mean) / n);
            assertEquals(mean, sum / n, 5 * se, "df=" + df);
        }
    }
}
