package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.TabulatedTransform;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A unit-variance marginal law of the Gaussian-copula (NORTA) model {@link KurModel}: the
 * transform {@code x = Q(Phi(z))} of a standard normal z, with Q the law's quantile function
 * (the reference code's {@code qdfs.py}). Every law is symmetric, so x has mean 0 and the
 * transform is odd and increasing.
 *
 * <p>Laws: {@link #algebraic(double) algebraic(k)} (the Kur(k) marginal), {@link #gaussian()},
 * {@link #uniform()}, {@link #laplace()}, {@link #binary()}; {@link #parse} reads the command-line
 * names {@code algebraic|gaussian|uniform|laplace|binary}.
 *
 * <p>Transforms involving special functions are tabulated ({@link TabulatedTransform}, cubic
 * Hermite with the exact derivative on {@code |z| < 6.5}, relative error below 1e-11 for
 * k &gt;= 4.1) and evaluated exactly outside (probability 8e-11 per value). Tails use
 * {@code 1 - |u| = erfc(|z|/sqrt 2)} ({@code u = 2 Phi(z) - 1}) directly, never {@code 1 - erf},
 * which would lose all digits for {@code |z| > 6}.
 *
 * <p>Immutable value types (records), serialisable.
 */
public sealed interface Marginal extends Serializable
        permits Marginal.Algebraic, Marginal.Gaussian, Marginal.Uniform, Marginal.Laplace, Marginal.Binary {

    /** The command-line names, in the order of the documentation. */
    List<String> NAMES = List.of("algebraic", "gaussian", "uniform", "laplace", "binary");

    /** The command-line name. */
    String name();

    /** The transform {@code z -> x = Q(Phi(z))} of a standard normal value. */
    PointwiseTransform transform();

    /** The exact excess kurtosis {@code E[x^4] - 3}; {@code +Infinity} where it diverges. */
    double excessKurtosis();

    /**
     * The exact correlation {@code rho(c) = E[x_1 x_2]} of the transforms of two standard normals
     * with correlation c, where it has a closed form; empty otherwise.
     */
    Optional<DoubleUnaryOperator> correlationMap();

    /** The algebraic-sigmoid law of Kur(k), {@code k > 2}. */
    static Algebraic algebraic(double k) {
        return new Algebraic(k);
    }

    /** The standard normal law: {@code x = z}. */
    static Gaussian gaussian() {
        return new Gaussian();
    }

    /** The uniform law on {@code [-sqrt 3, sqrt 3]}. */
    static Uniform uniform() {
        return new Uniform();
    }

    /** The unit-variance Laplace law. */
    static Laplace laplace() {
        return new Laplace();
    }

    /** The symmetric binary law: {@code x = sign(z)}. */
    static Binary binary() {
        return new Binary();
    }

    /**
     * The marginal named {@code name} ({@code algebraic|gaussian|uniform|laplace|binary});
     * {@code k} is used by {@code algebraic} only.
     */
    static Marginal parse(String name, double k) {
        Require.nonNull("marginal", name);
        return switch (name) {
            case "algebraic" -> algebraic(k);
            case "gaussian" -> gaussian();
            case "uniform" -> uniform();
            case "laplace" -> laplace();
            case "binary" -> binary();
            default -> throw new IllegalArgumentException(
                    "unknown marginal '" + name + "'; accepted: " + String.join(", ", NAMES));
        };
    }

    /**
     * Half-width of the tabulated z-interval: beyond it the exact transform is evaluated. The
     * heavy algebraic tails grow like {@code exp(z^2/(2k))}, so the table's relative error grows
     * with |z|; at 6.5 it stays below 1e-11 for k = 4.1 with the default 4096 cells.
     */
    double TABLE_HALF_WIDTH = 6.5;

    /** {@code 1 - |u| = erfc(|z|/sqrt 2)}, the two-sided normal tail, without cancellation. */
    private static double tail(double z) {
        return Erf.erfc(Math.abs(z) / Math.sqrt(2));
    }

    /** {@code du/dz = 2 phi(z) = sqrt(2/pi) exp(-z^2/2)}. */
    private static double uSlope(double z) {
        return Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z);
    }

    private static PointwiseTransform tabulate(PointwiseTransform exact, DoubleUnaryOperator derivative) {
        return new TabulatedTransform(exact, derivative, -TABLE_HALF_WIDTH, TABLE_HALF_WIDTH,
                TabulatedTransform.DEFAULT_CELLS);
    }

    /**
     * The algebraic-sigmoid law (reference {@code AlgQDF(k)}):
     * <pre>  x = u / (1 - |u|^k)^(1/k) / s_k,   u = 2 Phi(z) - 1 = erf(z / sqrt 2)</pre>
     * The unstandardised variable {@code y = x s_k} has CDF {@code F(y) = (1 + y/(1+|y|^k)^(1/k))/2},
     * density {@code (1+|y|^k)^(-(k+1)/k)/2} and absolute moments
     * {@code E|y|^m = B((m+1)/k, 1 - m/k)/k} for {@code m < k} (infinite otherwise), hence
     * {@code s_k^2 = B(3/k, 1-2/k)/k} exactly (the reference estimates it by Monte Carlo) and
     * kurtosis {@code k B(5/k, 1-4/k) / B(3/k, 1-2/k)^2}, finite only for k > 4.
     *
     * <p>No closed form is known for the copula correlation {@code E[x_1 x_2]} (a bivariate
     * integral of this quantile), so {@link #correlationMap()} is empty.
     *
     * @param k tail exponent, > 2 (finite variance)
     */
    record Algebraic(double k) implements Marginal {
        private static final long serialVersionUID = 1L;

        /** Validates k > 2. */
        public Algebraic {
            Require.greaterThan("k", k, 2);
        }

        /** {@code E|y|^m = B((m+1)/k, 1 - m/k)/k} of the unstandardised variable, {@code m < k}. */
        public double absoluteMoment(double m) {
            Require.that(m >= 0 && m < k, "moment order m", m, "in [0, k) for k = " + k);
            return Math.exp(Beta.logBeta((m + 1) / k, 1 - m / k)) / k;
        }

        /** {@code s_k = sqrt(B(3/k, 1-2/k)/k)}, the standard deviation of the unstandardised law. */
        public double standardDeviation() {
            return Math.sqrt(absoluteMoment(2));
        }

        @Override
        public String name() {
            return "algebraic";
        }

        @Override
        public double excessKurtosis() {
            if (k <= 4) {
                return Double.POSITIVE_INFINITY;
            }
            double second = absoluteMoment(2);
            return absoluteMoment(4) / (second * second) - 3;
        }

        @Override
        public PointwiseTransform transform() {
            double kk = k;
            double s = standardDeviation();
            // 1 - |u|^k = -expm1(k log1p(-(1 - |u|))), with 1 - |u| = erfc(|z|/sqrt 2)
            PointwiseTransform exact = z -> {
                double e = tail(z);
                double y = (1 - e) / Math.pow(-Math.expm1(kk * Math.log1p(-e)), 1 / kk) / s;
                return z < 0 ? -y : y;
            };
            // dx/dz = (du/dz) (1 - |u|^k)^(-(k+1)/k) / s_k
            DoubleUnaryOperator derivative = z -> {
                double oneMinusPow = -Math.expm1(kk * Math.log1p(-tail(z)));
                return uSlope(z) * Math.pow(oneMinusPow, -(kk + 1) / kk) / s;
            };
            return tabulate(exact, derivative);
        }

        @Override
        public Optional<DoubleUnaryOperator> correlationMap() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "algebraic(k=" + k + ")";
        }
    }

    /** The standard normal law (reference {@code NormalQDF}): {@code x = z}, excess kurtosis 0. */
    record Gaussian() implements Marginal {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "gaussian";
        }

        @Override
        public double excessKurtosis() {
            return 0;
        }

        @Override
        public PointwiseTransform transform() {
            return z -> z;
        }

        /** The identity: the copula is the Gaussian field itself. */
        @Override
        public Optional<DoubleUnaryOperator> correlationMap() {
            return Optional.of(DoubleUnaryOperator.identity());
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * The uniform law on {@code [-sqrt 3, sqrt 3]} (reference {@code UniformQDF}):
     * {@code x = sqrt 3 (2 Phi(z) - 1) = sqrt 3 erf(z / sqrt 2)}, excess kurtosis -6/5, copula
     * correlation {@code (6/pi) arcsin(c/2)} (Spearman's rho of a bivariate normal).
     */
    record Uniform() implements Marginal {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "uniform";
        }

        @Override
        public double excessKurtosis() {
            return -1.2;
        }

        @Override
        public PointwiseTransform transform() {
            double root3 = Math.sqrt(3);
            return tabulate(z -> root3 * Erf.erf(z / Math.sqrt(2)), z -> root3 * uSlope(z));
        }

        @Override
        public Optional<DoubleUnaryOperator> correlationMap() {
            return Optional.of(c -> 6 / Math.PI * Math.asin(c / 2));
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * The unit-variance Laplace law (reference {@code LaplaceQDF}, density
     * {@code exp(-sqrt 2 |x|)/sqrt 2}): {@code x = -sign(z) ln(1 - |u|) / sqrt 2} with
     * {@code 1 - |u| = erfc(|z|/sqrt 2)}; excess kurtosis +3. (The reference writes the decreasing
     * version {@code sign(p - 1/2) log(1 - 2|p - 1/2|)/sqrt 2}; applied to every site it gives the
     * same joint law since the law is symmetric.) No closed form is known for the copula
     * correlation, so {@link #correlationMap()} is empty.
     */
    record Laplace() implements Marginal {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "laplace";
        }

        @Override
        public double excessKurtosis() {
            return 3;
        }

        @Override
        public PointwiseTransform transform() {
            double root2 = Math.sqrt(2);
            return tabulate(z -> {
                double y = -Math.log(tail(z)) / root2;
                return z < 0 ? -y : y;
            }, z -> Math.exp(-0.5 * z * z) / (Math.sqrt(Math.PI) * tail(z)));
        }

        @Override
        public Optional<DoubleUnaryOperator> correlationMap() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /**
     * The symmetric binary law: exactly {@code x = sign(z)} (+1 for z >= 0), excess kurtosis -2,
     * copula correlation {@code (2/pi) arcsin(c)}. The reference's {@code BernoulliQDF} uses the
     * smooth {@code erf(100 (p - 1/2))}, which is +-1 up to about 1e-2 of p = 1/2 (kurtosis about
     * 1.01 instead of 1); this port uses the exact limit.
     */
    record Binary() implements Marginal {
        private static final long serialVersionUID = 1L;

        @Override
        public String name() {
            return "binary";
        }

        @Override
        public double excessKurtosis() {
            return -2;
        }

        @Override
        public PointwiseTransform transform() {
            return z -> z < 0 ? -1 : 1;
        }

        @Override
        public Optional<DoubleUnaryOperator> correlationMap() {
            return Optional.of(c -> 2 / Math.PI * Math.asin(c));
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
