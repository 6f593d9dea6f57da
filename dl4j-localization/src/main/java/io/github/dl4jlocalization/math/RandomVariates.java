package io.github.dl4jlocalization.math;

import io.github.dl4jlocalization.util.Require;

import java.util.random.RandomGenerator;

/**
 * Random variates that {@link RandomGenerator} does not provide, drawn only from the generator
 * passed in (so they follow the project's counter-based streams).
 */
public final class RandomVariates {
    private RandomVariates() {
    }

    /**
     * A Gamma(shape, 1) variate (density {@code x^(a-1) e^(-x) / Gamma(a)}), by Marsaglia &amp;
     * Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3): for
     * {@code a >= 1}, with {@code d = a - 1/3}, {@code c = 1/sqrt(9d)}: draw {@code x ~ N(0,1)},
     * {@code v = (1 + c x)^3}, {@code u ~ U(0,1)}; accept {@code d v} if {@code v > 0} and
     * {@code u < 1 - 0.0331 x^4} (squeeze) or {@code ln u < x^2/2 + d (1 - v + ln v)}. For
     * {@code a < 1}: {@code Gamma(a+1) * U^(1/a)}.
     *
     * @param shape a &gt; 0
     */
    public static double gamma(double shape, RandomGenerator random) {
        Require.positive("gamma shape", shape);
        if (shape < 1) {
            return gamma(shape + 1, random) * Math.pow(openUnit(random), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = random.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = openUnit(random);
            double x2 = x * x;
            if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                return d * v;
            }
        }
    }

    /** A chi-squared variate with {@code df > 0} degrees of freedom: {@code 2 Gamma(df/2)}. */
    public static double chiSquared(double df, RandomGenerator random) {
        Require.positive("degrees of freedom", df);
        return 2 * gamma(df / 2, random);
    }

    /** A uniform variate on the open interval (0, 1). */
    public static double openUnit(RandomGenerator random) {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0);
        return u;
    }
}
