package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

import java.io.Serializable;

/**
 * Least-squares sinusoid fit of a receptive field, the check that elliptical data give
 * non-localized, sinusoidal weights (Lufkin, Saxe &amp; Grant 2024, {@code elliptical_sinusoids.py}):
 * <pre>
 *   w_j ≈ A sin(2 pi f (x_j - x0)) + b,    x_j = j / (L - 1),  j = 0 .. L-1  (linspace(0, 1, L))
 *   relativeResidual = sqrt(MSE * L) / ||w|| = ||w - fit|| / ||w||
 * </pre>
 * f is in cycles per unit of x (the window spans L - 1 pixel spacings). Canonical form:
 * {@code A >= 0}, {@code f > 0}, {@code x0} in {@code [0, 1/f)}.
 *
 * <p>Algorithm ({@link #fit}): the reference fits by SGD; here the fit is exact. For fixed f the
 * model is linear, {@code a sin(2 pi f x) + c cos(2 pi f x) + b} with {@code a = A cos(2 pi f x0)},
 * {@code c = -A sin(2 pi f x0)}, and (a, c, b) solves the 3 x 3 normal equations (by the SVD
 * pseudo-inverse, which also handles frequencies where the sine column vanishes on the grid, e.g.
 * {@code f = (L-1)/2}); the residual is then summed directly, not from the normal equations. The residual is scanned over {@code f = 0.25, 0.5, ...,
 * (L-1)/2} (the Nyquist frequency of the grid; higher f alias onto it), then f is refined by
 * golden-section search on the residual sum of squares over the two neighbouring grid steps.
 * The residual's main lobe in f is about one cycle wide, so the 0.25 grid brackets the minimum.
 *
 * @param amplitude        A >= 0
 * @param frequency        f > 0, cycles per unit x
 * @param shift            x0 in [0, 1/f)
 * @param offset           b
 * @param length           L >= 4
 * @param relativeResidual {@code ||w - fit|| / ||w||} (NaN for the zero vector)
 */
public record SinusoidFit(double amplitude, double frequency, double shift, double offset, int length,
                          double relativeResidual) implements Serializable {
    /** Spacing of the frequency scan, cycles per unit x. */
    public static final double FREQUENCY_STEP = 0.25;
    /** The smallest L: four parameters are fitted. */
    public static final int MIN_LENGTH = 4;
    private static final double INV_PHI = (Math.sqrt(5) - 1) / 2;
    private static final int MAX_GOLDEN_ITERATIONS = 200;

    /** Validates the canonical ranges. */
    public SinusoidFit {
        Require.nonNegative("amplitude", amplitude);
        Require.positive("frequency", frequency);
        Require.that(shift >= 0 && shift < 1 / frequency, "shift", shift, "in [0, 1/frequency)");
        Require.finite("offset", offset);
        Require.atLeast("length", length, MIN_LENGTH);
        Require.that(!(relativeResidual < 0), "relativeResidual", relativeResidual, "a number >= 0 or NaN");
    }

    /** {@code A sin(2 pi f (x - x0)) + b}. */
    public double valueAt(double x) {
        return amplitude * Math.sin(2 * Math.PI * frequency * (x - shift)) + offset;
    }

    /** The fitted values at {@code x_j = j / (L - 1)}, j = 0 .. L - 1. */
    public double[] fitted() {
        double[] out = new double[length];
        for (int j = 0; j < length; j++) {
            out[j] = valueAt(position(j, length));
        }
        return out;
    }

    /**
     * The least-squares sinusoid of w (see the class description).
     *
     * @param w finite values, length L >= {@value #MIN_LENGTH}
     */
    public static SinusoidFit fit(double[] w) {
        Vectors.requireFinite("w", w);
        Require.atLeast("w.length", w.length, MIN_LENGTH);
        int n = w.length;
        int steps = (int) Math.floor((n - 1) / 2.0 / FREQUENCY_STEP);
        int best = 1;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= steps; k++) {
            double rss = new Linear(w, k * FREQUENCY_STEP).rss;
            if (rss < bestRss) {
                bestRss = rss;
                best = k;
            }
        }
        Linear fit = refine(w, (best - 1) * FREQUENCY_STEP, (best + 1) * FREQUENCY_STEP);
        if (!(fit.rss <= bestRss)) {
            fit = new Linear(w, best * FREQUENCY_STEP);
        }
        return fit.toSinusoid(Math.sqrt(Vectors.sumOfSquares(w)));
    }

    /** Golden-section search for the least residual on (lo, hi); interior points only. */
    private static Linear refine(double[] w, double lo, double hi) {
        double c = hi - INV_PHI * (hi - lo);
        double d = lo + INV_PHI * (hi - lo);
        Linear fc = new Linear(w, c);
        Linear fd = new Linear(w, d);
        for (int i = 0; i < MAX_GOLDEN_ITERATIONS && hi - lo > 2 * Math.ulp(hi); i++) {
            if (fc.rss <= fd.rss) {
                hi = d;
                d = c;
                fd = fc;
                c = hi - INV_PHI * (hi - lo);
                fc = new Linear(w, c);
            } else {
                lo = c;
                c = d;
                fc = fd;
                d = lo + INV_PHI * (hi - lo);
                fd = new Linear(w, d);
            }
        }
        return fc.rss <= fd.rss ? fc : fd;
    }

    private static double position(int j, int n) {
        return (double) j / (n - 1);
    }

    /** The least-squares (a, c, b) of w at a fixed frequency, with its residual sum of squares. */
    private static final class Linear {
        final int length;
        final double frequency;
        final double sin;
        final double cos;
        final double offset;
        final double rss;

        Linear(double[] w, double frequency) {
            int n = w.length;
            double[] sines = new double[n];
            double[] cosines = new double[n];
            // normal equations G beta = X^T w of the design X = [sin, cos, 1]
            double[][] gram = new double[3][3];
            double[] rhs = new double[3];
            for (int j = 0; j < n; j++) {
                double angle = 2 * Math.PI * frequency * position(j, n);
                double[] row = {Math.sin(angle), Math.cos(angle), 1};
                sines[j] = row[0];
                cosines[j] = row[1];
                for (int r = 0; r < 3; r++) {
                    rhs[r] += row[r] * w[j];
                    for (int c = 0; c < 3; c++) {
                        gram[r][c] += row[r] * row[c];
                    }
                }
            }
            // pseudo-inverse: a column that vanishes on the grid (sin at f = (L-1)/2) drops out
            RealVector beta = new SingularValueDecomposition(new Array2DRowRealMatrix(gram, false))
                    .getSolver().solve(new ArrayRealVector(rhs, false));
            this.length = n;
            this.frequency = frequency;
            this.sin = beta.getEntry(0);
            this.cos = beta.getEntry(1);
            this.offset = beta.getEntry(2);
            double s = 0;
            for (int j = 0; j < n; j++) {
                double r = w[j] - (sin * sines[j] + cos * cosines[j] + offset);
                s += r * r;
            }
            this.rss = s;
        }

        SinusoidFit toSinusoid(double norm) {
            double amplitude = Math.hypot(sin, cos);
            // a = A cos(phi), c = -A sin(phi), phi = 2 pi f x0 reduced to [0, 2 pi)
            double phi = amplitude == 0 ? 0 : Math.atan2(-cos, sin);
            if (phi < 0) {
                phi += 2 * Math.PI;
            }
            double shift = phi / (2 * Math.PI * frequency);
            if (shift >= 1 / frequency) {
                shift = 0;
            }
            return new SinusoidFit(amplitude, frequency, shift, offset, length, Math.sqrt(rss) / norm);
        }
    }
}
