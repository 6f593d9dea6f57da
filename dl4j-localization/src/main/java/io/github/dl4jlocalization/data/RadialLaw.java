package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.Quadrature;
import io.github.dl4jlocalization.math.RandomVariates;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Gamma;

import java.io.Serializable;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The radial law of an {@link EllipticalModel}: the distribution of r in
 * {@code x = r Lambda u}, u uniform on the unit sphere of {@code R^D}, r independent of u.
 *
 * <p>Laws: {@link #shell()} (r = 1), {@link #extreme()} (r = 2 + artanh(v)), {@link #studentT}
 * (the multivariate Student t) and {@link #quantile} (any radial quantile function); {@link #parse}
 * reads the command-line names {@code shell|extreme|t}.
 *
 * <p>The sampler passes each draw the norm {@code ||eps||} of the D-dimensional white noise that
 * produced the direction u; it is a chi_D variable independent of u. Laws that are Gaussian scale
 * mixtures (Student t) build their radius from it, the others ignore it.
 *
 * <p>Immutable and serialisable (a {@link #quantile} law only if its function is serialisable).
 */
public sealed interface RadialLaw extends Serializable
        permits RadialLaw.Shell, RadialLaw.Extreme, RadialLaw.StudentT, RadialLaw.Quantile {

    /** The command-line names of the built-in laws. */
    List<String> NAMES = List.of("shell", "extreme", "t");

    /** The name (command-line name for the built-in laws). */
    String name();

    /**
     * Draws a radius r.
     *
     * @param dimension  D, the dimension of the sphere
     * @param noiseNorm  {@code ||eps||} of the direction's white noise (a chi_D variate)
     * @param random     the stream
     */
    double sample(int dimension, double noiseNorm, RandomGenerator random);

    /** {@code E[r]} in dimension D. */
    double firstMoment(int dimension);

    /** {@code E[r^2]} in dimension D. */
    double secondMoment(int dimension);

    /** {@code E[r^4]} in dimension D; {@code +Infinity} where it diverges. */
    double fourthMoment(int dimension);

    /**
     * The excess kurtosis of one coordinate of {@code x = r Lambda u} for a unit-norm row of
     * Lambda: with {@code E[u_1^2] = 1/D} and {@code E[u_1^4] = 3/(D(D+2))},
     * <pre>  E[x^4] / E[x^2]^2 - 3 = (E[r^4] / E[r^2]^2) 3D/(D+2) - 3</pre>
     * ({@code +Infinity} where {@code E[r^4]} diverges).
     */
    default double excessKurtosis(int dimension) {
        double second = secondMoment(dimension);
        return fourthMoment(dimension) / (second * second) * 3.0 * dimension / (dimension + 2) - 3;
    }

    /** r = 1: uniform on the surface of the ellipsoid (the reference's "shell"). */
    static Shell shell() {
        return new Shell();
    }

    /** r = 2 + artanh(v), v ~ U(0,1) (the reference's default "extreme"/"weird" law). */
    static Extreme extreme() {
        return new Extreme();
    }

    /** The multivariate Student t with {@code df > 2} degrees of freedom. */
    static StudentT studentT(double df) {
        return new StudentT(df);
    }

    /**
     * The radius {@code r = inverseCdf(v)}, v ~ U(0,1), for a user-supplied radial quantile
     * function; its moments are computed by quadrature.
     */
    static Quantile quantile(DoubleUnaryOperator inverseCdf, String name) {
        return new Quantile(inverseCdf, name);
    }

    /** The law named {@code name} ({@code shell|extreme|t}); {@code df} is used by {@code t} only. */
    static RadialLaw parse(String name, double df) {
        Require.nonNull("radial law", name);
        return switch (name) {
            case "shell" -> shell();
            case "extreme" -> extreme();
            case "t" -> studentT(df);
            default -> throw new IllegalArgumentException(
                    "unknown radial law '" + name + "'; accepted: " + String.join(", ", NAMES));
        };
    }

    /** r = 1, so {@code E[r] = E[r^2] = E[r^4] = 1} and the excess kurtosis is {@code 3D/(D+2) - 3}. */
    record Shell() implements RadialLaw {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "shell";
        }

        @Override
        public double sample(int dimension, double noiseNorm, RandomGenerator random) {
            return 1;
        }

        @Override
        public double firstMoment(int dimension) {
            return 1;
        }

        @Override
        public double secondMoment(int dimension) {
            return 1;
        }

        @Override
        public double fourthMoment(int dimension) {
            return 1;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * {@code r = 2 + a}, {@code a = artanh(v) = -log(2/(v+1) - 1)/2}, v ~ U(0,1) (the reference's
     * {@code R^-1(v) = -log(2/(v+1) - 1)/2 + 2}). With {@code v = tanh t} and
     * {@code sech^2 t = 4 sum_m (-1)^(m-1) m e^(-2mt)}:
     * <pre>  E[a^n] = int_0^inf t^n sech^2 t dt = n! 2^(1-n) eta(n)</pre>
     * (eta the Dirichlet eta function), i.e. {@code E[a] = ln 2}, {@code E[a^2] = pi^2/12},
     * {@code E[a^3] = (9/8) zeta(3)}, {@code E[a^4] = 7 pi^4/240}, so {@code E[r] = 2 + ln 2},
     * {@code E[r^2] = 4 + 4 ln 2 + pi^2/12} and
     * {@code E[r^4] = 16 + 32 ln 2 + 2 pi^2 + 9 zeta(3) + 7 pi^4/240}.
     */
    record Extreme() implements RadialLaw {
        private static final long serialVersionUID = 1L;
        /** Apéry's constant zeta(3). */
        private static final double ZETA3 = 1.2020569031595942854;

        @Override
        public String name() {
            return "extreme";
        }

        @Override
        public double sample(int dimension, double noiseNorm, RandomGenerator random) {
            double v = random.nextDouble();
            return 2 + 0.5 * Math.log1p(2 * v / (1 - v));
        }

        @Override
        public double firstMoment(int dimension) {
            return 2 + Math.log(2);
        }

        @Override
        public double secondMoment(int dimension) {
            return 4 + 4 * Math.log(2) + Math.PI * Math.PI / 12;
        }

        @Override
        public double fourthMoment(int dimension) {
            double pi2 = Math.PI * Math.PI;
            return 16 + 32 * Math.log(2) + 2 * pi2 + 9 * ZETA3 + 7 * pi2 * pi2 / 240;
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * The multivariate Student t of the reference ({@code multi_t.py}):
     * {@code x = N(0, C (df-2)/df) / sqrt(W/df)}, {@code W ~ chi^2_df}, which has covariance C.
     * As an elliptical law its radius is {@code r = ||eps|| sqrt((df-2)/W)} with
     * {@code ||eps||^2 ~ chi^2_D}, hence
     * {@code E[r] = sqrt(df-2) Gamma((D+1)/2) Gamma((df-1)/2) / (Gamma(D/2) Gamma(df/2))}
     * (from {@code E||eps|| = sqrt 2 Gamma((D+1)/2)/Gamma(D/2)} and
     * {@code E[W^(-1/2)] = Gamma((df-1)/2)/(sqrt 2 Gamma(df/2))}), {@code E[r^2] = D} and
     * {@code E[r^4] = (df-2) D (D+2) / (df-4)} for df &gt; 4 (infinite otherwise): excess
     * kurtosis {@code 3(df-2)/(df-4) - 3}. W is drawn with {@link RandomVariates#chiSquared}.
     *
     * @param df degrees of freedom, > 2 (finite variance)
     */
    record StudentT(double df) implements RadialLaw {
        private static final long serialVersionUID = 1L;

        /** Validates df > 2. */
        public StudentT {
            Require.greaterThan("df", df, 2);
        }

        @Override
        public String name() {
            return "t";
        }

        @Override
        public double sample(int dimension, double noiseNorm, RandomGenerator random) {
            return noiseNorm * Math.sqrt((df - 2) / RandomVariates.chiSquared(df, random));
        }

        @Override
        public double firstMoment(int dimension) {
            return Math.sqrt(df - 2) * Math.exp(Gamma.logGamma((dimension + 1) / 2.0) - Gamma.logGamma(dimension / 2.0)
                    + Gamma.logGamma((df - 1) / 2) - Gamma.logGamma(df / 2));
        }

        @Override
        public double secondMoment(int dimension) {
            return dimension;
        }

        @Override
        public double fourthMoment(int dimension) {
            return df > 4 ? (df - 2) * dimension * (dimension + 2.0) / (df - 4) : Double.POSITIVE_INFINITY;
        }

        @Override
        public String toString() {
            return "t(df=" + df + ")";
        }
    }

    /**
     * {@code r = Q(v)}, v ~ U(0,1), for a user radial quantile function Q. {@code E[r]}, {@code E[r^2]}
     * and {@code E[r^4]} are {@code int_0^1 Q(v)^m dv}, computed once by tanh-sinh quadrature
     * ({@link Quadrature#integrateOpenUnit}, relative tolerance 1e-12). Quadrature cannot detect a
     * divergent integral: the moments (and the kurtosis) are meaningful only for laws with
     * {@code E[r^4] < infinity}; {@code E[r^2]} must be finite and > 0 (checked).
     *
     * <p>Equality is identity of the function (and name). Serialisable only if Q is (e.g. a lambda
     * cast to {@code (DoubleUnaryOperator & Serializable)}).
     */
    final class Quantile implements RadialLaw {
        private static final long serialVersionUID = 1L;
        private static final double TOLERANCE = 1e-12;

        private final DoubleUnaryOperator inverseCdf;
        private final String name;
        private final double first;
        private final double second;
        private final double fourth;

        private Quantile(DoubleUnaryOperator inverseCdf, String name) {
            this.inverseCdf = Require.nonNull("radial inverse CDF", inverseCdf);
            Require.that(name != null && !name.isBlank(), "radial law name", name, "a non-blank name");
            this.name = name;
            this.first = Quadrature.integrateOpenUnit(inverseCdf, TOLERANCE);
            this.second = Quadrature.integrateOpenUnit(v -> {
                double r = inverseCdf.applyAsDouble(v);
                return r * r;
            }, TOLERANCE);
            Require.positive("E[r^2] of radial law " + name, second);
            this.fourth = Quadrature.integrateOpenUnit(v -> {
                double r = inverseCdf.applyAsDouble(v);
                return r * r * r * r;
            }, TOLERANCE);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public double sample(int dimension, double noiseNorm, RandomGenerator random) {
            return inverseCdf.applyAsDouble(RandomVariates.openUnit(random));
        }

        @Override
        public double firstMoment(int dimension) {
            return first;
        }

        @Override
        public double secondMoment(int dimension) {
            return second;
        }

        @Override
        public double fourthMoment(int dimension) {
            return fourth;
        }

        @Override
        public String toString() {
            return "quantile(" + name + ")";
        }
    }
}
