package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.ClassOneMarginal;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.Marginal;
import io.github.dl4jlocalization.data.NlgpModel;
import io.github.dl4jlocalization.data.Support;
import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The localization amplifier of Lufkin, Saxe &amp; Grant (2024) (docs/science.md 5.1-5.2): for a
 * single ReLU neuron and sign-symmetric class-1 inputs with unit-variance single-pixel marginal
 * {@code p_1}, the data term of the expected gradient is {@code E_1[1(w.x >= 0) x_i] = phi(a_i)/2}
 * with {@code a_i = (Sigma_1 w)_i / sqrt(w' Sigma_1 w)} in [-1, 1] and
 * <pre>  phi(a) = E_{X ~ p_1}[ X erf( a X / sqrt(2 (1 - a^2)) ) ]</pre>
 * (exact for Gaussian inputs; for others it treats {@code w.x} given {@code x_i} as Gaussian, the
 * one approximation of the effective dynamics). For a symmetric marginal phi is odd and
 * increasing, {@code phi(0) = 0}, {@code phi(+-1) = +-E|X|} and {@code |phi(a)| <= E|X| <= 1}
 * (the polynomial forms below are approximations and need not be). Its shape decides
 * localization:
 * <ul>
 *   <li>{@link #gaussian()}: {@code sqrt(2/pi) a}, exactly linear: no localization;</li>
 *   <li>{@link #binary()} (+-1 marginals: Ising, NLGP g -&gt; infinity):
 *       {@code erf(a / sqrt(2(1 - a^2)))}, super-linear: localization;</li>
 *   <li>{@link #taylor(double)}: {@code sqrt(2/pi) (a - (kappa - 3) a^3 / 6)}, the expansion in
 *       the marginal kurtosis kappa: super-linear iff the excess kurtosis is negative;</li>
 *   <li>{@link #marginal}: any marginal {@code X = T(z)}, z standard normal, by quadrature;</li>
 *   <li>{@link #monteCarlo}: the average over all values of sampled class-1 data, as the
 *       reference code does;</li>
 *   <li>{@link #forModel}: the form a data model states for its class-1 marginal.</li>
 * </ul>
 *
 * <p>Implementations are immutable, thread-safe and serialisable pure functions. {@link #value}
 * accepts {@code a} in [-1, 1] and {@link #derivative} in (-1, 1); both throw
 * {@link IllegalArgumentException} outside (NaN included). Evaluations by quadrature or over
 * samples are costly; the effective dynamics evaluate phi D times per step, so those factories
 * return {@link #tabulated} amplifiers.
 */
public interface Amplifier extends Serializable {

    /** {@code sqrt(2/pi)}, the slope of the Gaussian amplifier. */
    double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /** Table cells of the quadrature amplifiers ({@link #marginal}, {@link #forModel}). */
    int QUADRATURE_CELLS = 2048;

    /** Table cells of the Monte Carlo fallback of {@link #forModel}. */
    int MONTE_CARLO_CELLS = 256;

    /** Class-1 samples drawn by the Monte Carlo fallback of {@link #forModel}. */
    int MONTE_CARLO_SAMPLES = 2000;

    /** {@code phi(a)}, a in [-1, 1]. */
    double value(double a);

    /** {@code phi'(a)}, a in (-1, 1). */
    double derivative(double a);

    /** The Gaussian marginal: {@code phi(a) = sqrt(2/pi) a}. */
    static Amplifier gaussian() {
        return new PolynomialAmplifier("gaussian", SQRT_2_OVER_PI, 0);
    }

    /**
     * The linear amplifier {@code phi(a) = slope a}, e.g. elliptical data with
     * {@code slope = E|X|} (see {@link #forModel}).
     *
     * @param slope finite, > 0
     */
    static Amplifier linear(double slope) {
        return new PolynomialAmplifier("linear(slope=" + Require.positive("slope", slope) + ")", slope, 0);
    }

    /** The binary +-1 marginal: {@code phi(a) = erf(a / sqrt(2 (1 - a^2)))}. */
    static Amplifier binary() {
        return new BinaryAmplifier();
    }

    /**
     * The kurtosis (Taylor) form {@code phi(a) = sqrt(2/pi) (a - ((kappa - 3)/6) a^3)}, the
     * expansion of phi to third order for a unit-variance marginal with kurtosis
     * {@code kappa = E[X^4]} (3 for the Gaussian, 1 for +-1).
     *
     * @param kurtosis kappa, finite and >= 1 (every law has {@code E[X^4] >= E[X^2]^2 = 1})
     */
    static Amplifier taylor(double kurtosis) {
        requireKurtosis(kurtosis);
        return new PolynomialAmplifier("taylor(kappa=" + kurtosis + ")", SQRT_2_OVER_PI,
                -SQRT_2_OVER_PI * (kurtosis - 3) / 6);
    }

    /**
     * The truncated form of the reference's Fig. 3 notebook (docs/science.md 5.3, variant fig3):
     * {@code f(a) = sqrt(2/pi) a + ((3 - kappa)/6) a^3}, i.e. the {@link #taylor} form without
     * the factor {@code sqrt(2/pi)} on the cubic term. Use it with
     * {@link EffectiveDynamics.Variant#FIG3} to reproduce that panel.
     *
     * @param kurtosis kappa, finite and >= 1
     */
    static Amplifier fig3Cubic(double kurtosis) {
        requireKurtosis(kurtosis);
        return new PolynomialAmplifier("fig3Cubic(kappa=" + kurtosis + ")", SQRT_2_OVER_PI, (3 - kurtosis) / 6);
    }

    /**
     * The amplifier of the marginal {@code X = T(z)}, z standard normal, by quadrature over z
     * (see {@link MarginalAmplifier}), tabulated on {@value #QUADRATURE_CELLS} cells.
     *
     * @param transform T: odd (checked at a few points), with {@code E[T(z)^2] = 1} (the
     *                  caller's responsibility), e.g. {@link NlgpModel#marginalTransform} or
     *                  {@link Marginal#transform()}
     * @param name      a name for {@link Object#toString()}
     */
    static Amplifier marginal(PointwiseTransform transform, String name) {
        return tabulated(new MarginalAmplifier(transform, name), QUADRATURE_CELLS);
    }

    /**
     * The Monte Carlo amplifier: the average of {@code X erf(c X)} over all D values of
     * {@code samples} class-1 samples of {@code model}, drawn from the streams
     * {@code RandomStreams.of(seed, 1, block)}. Not tabulated (each evaluation costs
     * {@code O(samples D)}; values are pooled by |X|, so two-valued data costs O(1)); wrap it in
     * {@link #tabulated} for the effective dynamics.
     *
     * @param samples >= 1
     */
    static Amplifier monteCarlo(DataModel model, int samples, long seed) {
        return SampleAmplifier.draw(model, samples, seed);
    }

    /**
     * {@code exact} tabulated by cubic Hermite interpolation of its value and derivative on
     * {@code cells} equal cells of {@code [-1 + 1e-6, 1 - 1e-6]}, exact outside
     * (see {@link TabulatedAmplifier}).
     *
     * @param cells >= 2
     */
    static Amplifier tabulated(Amplifier exact, int cells) {
        return new TabulatedAmplifier(exact, cells);
    }

    /**
     * The amplifier of the class-1 marginal of a data model, exact where the model states its
     * marginal ({@link DataModel#classOneMarginal()}):
     * <ul>
     *   <li>{@link ClassOneMarginal.Gaussian}: {@link #gaussian()} (e.g. the NLGP clone);</li>
     *   <li>{@link ClassOneMarginal.Binary}: {@link #binary()} (Ising spins, pulses, Kur's binary
     *       marginal);</li>
     *   <li>{@link ClassOneMarginal.Transformed}: the {@link #marginal} of its transform (NLGP's
     *       {@code erf(g z)/Z(g)}, Kur's marginals);</li>
     *   <li>{@link ClassOneMarginal.Elliptical}: {@link #linear} with slope {@code E|X|}: for
     *       {@code x = s r Lambda u} (u uniform on the sphere, {@code v = Lambda' w}),
     *       {@code E[1(v.u >= 0) u] = E|u_1| v / (2|v|)} by rotation symmetry, so
     *       {@code E[1(w.x >= 0) x] = (E|X|/2) Sigma w / sqrt(w' Sigma w)} exactly
     *       (docs/science.md 2.8). The amplifier is therefore exactly linear, whatever the
     *       marginal's kurtosis, and localization cannot emerge; the marginal formula applied to
     *       the (non-Gaussian) elliptical marginal would wrongly predict a non-linear phi;</li>
     *   <li>a model that states none: {@link #monteCarlo} with {@value #MONTE_CARLO_SAMPLES}
     *       samples and seed 0, tabulated on {@value #MONTE_CARLO_CELLS} cells.</li>
     * </ul>
     *
     * @throws IllegalArgumentException if the stated marginal's support is not the papers'
     *                                  (-1, 1): the effective dynamics assume zero-mean,
     *                                  sign-symmetric inputs with unit-variance marginals
     */
    static Amplifier forModel(DataModel model) {
        Require.nonNull("model", model);
        ClassOneMarginal known = model.classOneMarginal().orElse(null);
        if (known == null) {
            return tabulated(monteCarlo(model, MONTE_CARLO_SAMPLES, 0), MONTE_CARLO_CELLS);
        }
        requirePapersSupport(known.support());
        if (known instanceof ClassOneMarginal.Gaussian) {
            return gaussian();
        }
        if (known instanceof ClassOneMarginal.Binary) {
            return binary();
        }
        if (known instanceof ClassOneMarginal.Elliptical e) {
            return linear(e.meanAbsoluteValue());
        }
        ClassOneMarginal.Transformed t = (ClassOneMarginal.Transformed) known;
        return marginal(t.transform(), t.name());
    }

    private static void requireKurtosis(double kurtosis) {
        Require.that(Double.isFinite(kurtosis) && kurtosis >= 1, "kurtosis", kurtosis,
                "a finite number >= 1 (E[X^4] of a unit-variance law)");
    }

    private static void requirePapersSupport(Support support) {
        Require.that(support.isIdentity(), "support", support,
                "(-1, 1) for the effective dynamics (zero-mean, sign-symmetric, unit-variance marginals)");
    }
}
