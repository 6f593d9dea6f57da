package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;

/**
 * Localization metrics of receptive fields (Lufkin, Saxe &amp; Grant 2024,
 * {@code utils/measurement.py}), as pure functions of a weight vector {@code w} of length D.
 *
 * <p>Vectors must be non-empty with finite entries (otherwise {@link IllegalArgumentException}
 * naming the offending index). Metrics that normalise by {@code sum w^2} are undefined for the
 * zero vector and return NaN there (as the reference's numpy code does), so that, e.g., a hidden
 * unit whose weights were all pruned away yields NaN rather than an exception.
 *
 * <p><b>Weight-matrix layout.</b> The {@link INDArray} adapters take a DL4J {@code DenseLayer}
 * weight matrix {@code "W"} as stored by DL4J: {@code nIn x nOut = D x K}. Hidden unit k computes
 * {@code sum_i x_i W[i, k]}, so its receptive field is COLUMN k. (The reference code stores the
 * transpose, K x D, one row per unit.)
 */
public final class LocalizationMetrics {
    /** Lower edge of the first regular bin of {@link #histogramEntropy(double[])}: -10. */
    public static final double ENTROPY_LOW = -10;
    /** Bin width of {@link #histogramEntropy(double[])}: 0.1. */
    public static final double ENTROPY_BIN_WIDTH = 0.1;
    /** Number of regular bins of {@link #histogramEntropy(double[])}: 200, covering [-10, 10). */
    public static final int ENTROPY_BINS = 200;

    private LocalizationMetrics() {
    }

    /**
     * Inverse participation ratio {@code IPR(w) = sum_i w_i^4 / (sum_i w_i^2)^2}.
     *
     * <p>Range {@code [1/D, 1]}: 1 for a one-hot vector, {@code 1/D} for a constant vector,
     * {@code 3/(2D)} for a single Fourier mode {@code cos(2 pi k i / D + phi)} with integer
     * {@code 0 < k < D/2, 4k != D} (for {@code 4k = D} it is {@code (3 + cos 4phi) / (2D)}),
     * {@code E[IPR] = 3/(D+2)} exactly for an i.i.d. Gaussian vector; {@code 1/IPR} is roughly the
     * number of occupied sites. NaN for the zero vector.
     *
     * <p>The IPR does not depend on the scale of w. Where the fourth powers leave the normal
     * double range (entries above about 1e77, as in a diverging run, or below about 1e-77) it is
     * evaluated on {@code w / max_i |w_i|}; elsewhere directly, as written above.
     */
    public static double ipr(double[] w) {
        Vectors.requireFinite("w", w);
        double s2 = 0;
        double s4 = 0;
        for (double v : w) {
            double v2 = v * v;
            s2 += v2;
            s4 += v2 * v2;
        }
        double s22 = s2 * s2;
        if (s22 >= Double.MIN_NORMAL && s22 < Double.POSITIVE_INFINITY && s4 >= Double.MIN_NORMAL
                && s4 < Double.POSITIVE_INFINITY) {
            return s4 / s22;
        }
        double scale = 0;
        for (double v : w) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (scale == 0) {
            return Double.NaN;
        }
        double t2 = 0;
        double t4 = 0;
        for (double v : w) {
            double u = v / scale;
            double u2 = u * u;
            t2 += u2;
            t4 += u2 * u2;
        }
        return t4 / (t2 * t2);
    }

    /**
     * The {@link #ipr(double[]) IPR} of each receptive field: {@code result[k] = ipr(fields[k])},
     * e.g. of the hidden units of a layer ({@link #receptiveFields}) or of a convolution's filters.
     */
    public static double[] iprPerUnit(double[][] fields) {
        return Arrays.stream(Require.nonNull("fields", fields)).mapToDouble(LocalizationMetrics::ipr).toArray();
    }

    /** The {@link #signedPeak(double[]) signed peak} of each receptive field, in order. */
    public static SignedPeak[] signedPeaks(double[][] fields) {
        return Arrays.stream(Require.nonNull("fields", fields)).map(LocalizationMetrics::signedPeak)
                .toArray(SignedPeak[]::new);
    }

    /**
     * The receptive fields of the hidden units of a {@code D x K} (nIn x nOut) weight matrix:
     * {@code result[k] = column k}, a {@code double[K][D]} copy (any data type is converted to
     * double).
     */
    public static double[][] receptiveFields(INDArray weightsDxK) {
        return Vectors.columns("weights", weightsDxK);
    }

    /**
     * {@link #ipr(double[]) IPR} of each hidden unit of a {@code D x K} (nIn x nOut) weight
     * matrix, i.e. of each column; {@code result[k]} is unit k's IPR.
     */
    public static double[] iprPerUnit(INDArray weightsDxK) {
        return iprPerUnit(receptiveFields(weightsDxK));
    }

    /**
     * The fraction of values strictly above {@code threshold}, e.g. the fraction of localized
     * units {@code fractionAbove(iprPerUnit(W), 0.1)} (the reference uses IPR thresholds 0.1 and
     * 0.15). NaN values (undefined IPRs) count as not above.
     *
     * @param values    non-empty
     * @param threshold finite
     */
    public static double fractionAbove(double[] values, double threshold) {
        Require.nonNull("values", values);
        Require.atLeast("values.length", values.length, 1);
        Require.finite("threshold", threshold);
        int above = 0;
        for (double v : values) {
            if (v > threshold) {
                above++;
            }
        }
        return (double) above / values.length;
    }

    /**
     * The signed peak {@code (argmax_i |w_i|, sign(w_{i*}))}, first index on ties; the zero
     * vector gives {@code (0, 0)}.
     */
    public static SignedPeak signedPeak(double[] w) {
        Vectors.requireFinite("w", w);
        int best = 0;
        for (int i = 1; i < w.length; i++) {
            if (Math.abs(w[i]) > Math.abs(w[best])) {
                best = i;
            }
        }
        return new SignedPeak(best, (int) Math.signum(w[best]));
    }

    /**
     * Position mean and variance on a line (the reference's, used to sort units for display):
     * {@code p_i = w_i^2 / sum_j w_j^2}, {@code mu = sum_i i p_i},
     * {@code var = sum_i i^2 p_i - mu^2}, the variance evaluated as {@code sum_i (i - mu)^2 p_i}
     * (equal, never negative by rounding). Not periodic-aware: a field centred across the
     * boundary between D - 1 and 0 gets a mean near D/2; see {@link #circularPosition}.
     * NaN for the zero vector.
     */
    public static LinearPosition linearPosition(double[] w) {
        double[] p = occupation(w);
        if (p == null) {
            return new LinearPosition(Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (int i = 0; i < p.length; i++) {
            mean += i * p[i];
        }
        double variance = 0;
        for (int i = 0; i < p.length; i++) {
            double d = i - mean;
            variance += d * d * p[i];
        }
        return new LinearPosition(mean, variance);
    }

    /**
     * Position of w on the ring of D pixels by circular statistics of {@code p_i = w_i^2 /
     * sum_j w_j^2} at angles {@code 2 pi i / D}: mean {@code (D/2pi) atan2(S, C) mod D},
     * resultant length {@code R = |sum_i p_i exp(2 pi i i/D)|} and circular standard deviation
     * {@code (D/2pi) sqrt(-2 ln R)}; see {@link CircularPosition}. {@code 1 - R} is evaluated as
     * {@code sum_i 2 p_i sin^2((theta_i - theta_mean)/2)}, accurate for narrow fields.
     * NaN for the zero vector.
     */
    public static CircularPosition circularPosition(double[] w) {
        double[] p = occupation(w);
        if (p == null) {
            return new CircularPosition(Double.NaN, Double.NaN, Double.NaN);
        }
        int d = p.length;
        double c = 0;
        double s = 0;
        for (int i = 0; i < d; i++) {
            double theta = 2 * Math.PI * i / d;
            c += p[i] * Math.cos(theta);
            s += p[i] * Math.sin(theta);
        }
        double direction = Math.atan2(s, c);
        // 1 - R = sum_i p_i (1 - cos(theta_i - direction)), summed in the form that keeps its
        // relative accuracy as R -> 1 (1 - hypot(C, S) would leave a spread of ~1e-9 D for a delta)
        double oneMinusR = 0;
        for (int i = 0; i < d; i++) {
            double half = Math.sin((2 * Math.PI * i / d - direction) / 2);
            oneMinusR += 2 * p[i] * half * half;
        }
        oneMinusR = Math.min(1, oneMinusR);
        double perRadian = d / (2 * Math.PI);
        double mean = direction * perRadian;
        if (mean < 0) {
            mean += d;
        }
        if (mean >= d) {
            // a tiny negative angle rounded up to a full turn
            mean = 0;
        }
        double spread = Math.sqrt(-2 * Math.log1p(-oneMinusR)) * perRadian;
        return new CircularPosition(mean, 1 - oneMinusR, spread);
    }

    /** {@code p_i = w_i^2 / sum_j w_j^2}, or null for the zero vector. */
    private static double[] occupation(double[] w) {
        Vectors.requireFinite("w", w);
        double total = Vectors.sumOfSquares(w);
        if (total == 0) {
            return null;
        }
        double[] p = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            p[i] = w[i] * w[i] / total;
        }
        return p;
    }

    /**
     * Shannon entropy (bits) of the histogram of a unit's weight values with the reference's bins:
     * width {@value #ENTROPY_BIN_WIDTH} on [-10, 10) plus an underflow bin ({@code v < -10}) and
     * an overflow bin ({@code v >= 10}); see {@link #histogramEntropy(double[], double, double, int)}.
     */
    public static double histogramEntropy(double[] values) {
        return histogramEntropy(values, ENTROPY_LOW, ENTROPY_BIN_WIDTH, ENTROPY_BINS);
    }

    /**
     * Shannon entropy {@code H = -sum_b q_b log2 q_b} (bits; {@code 0 log 0 = 0}) of the
     * histogram {@code q_b = n_b / n} of {@code values} over {@code bins + 2} bins: regular bins
     * {@code [e_b, e_{b+1})} with edges {@code e_b = low + b * width}, b = 0 .. bins - 1, an
     * underflow bin {@code v < low} and an overflow bin {@code v >= e_bins}. Range
     * {@code [0, log2 min(n, bins + 2)]}: 0 when all values share a bin, 1 for two equally
     * filled bins.
     *
     * <p>Differences from the reference's loop (documented, deliberate): it keeps both overflow
     * bins as docs/science.md 4.4 states, whereas the reference overwrites its underflow count and pools
     * {@code [e_{bins-1}, e_bins)} with the overflow; its numpy {@code arange} edges differ from
     * {@code low + b * width} by less than 1e-13.
     *
     * @param values non-empty, finite
     * @param low    first edge, finite
     * @param width  bin width, finite and > 0
     * @param bins   number of regular bins, >= 1
     */
    public static double histogramEntropy(double[] values, double low, double width, int bins) {
        Vectors.requireFinite("values", values);
        Require.finite("low", low);
        Require.positive("width", width);
        Require.atLeast("bins", bins, 1);
        // counts[0] underflow, counts[1 + b] regular bin b, counts[bins + 1] overflow
        long[] counts = new long[bins + 2];
        double high = low + bins * width;
        for (double v : values) {
            if (v < low) {
                counts[0]++;
            } else if (v >= high) {
                counts[bins + 1]++;
            } else {
                // floor((v - low)/width) is off by at most one near an edge: correct against the edges
                int b = Math.min(bins - 1, (int) Math.floor((v - low) / width));
                if (v < low + b * width) {
                    b--;
                } else if (b + 1 < bins && v >= low + (b + 1) * width) {
                    b++;
                }
                counts[1 + b]++;
            }
        }
        double n = values.length;
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double q = c / n;
                h -= q * Math.log(q);
            }
        }
        return h / Math.log(2);
    }

    /**
     * Root-mean-square distance {@code sqrt(mean_i (a_i - b_i)^2)} between two weight vectors
     * (the reference's "SGD vs theory" error). Where the squares overflow (entries above about
     * 1e154, as in a diverging run) it is evaluated on the vectors divided by their largest
     * entry and scaled back; it is infinite only when the distance itself exceeds the doubles.
     *
     * @param a non-empty, finite
     * @param b same length as a, finite
     */
    public static double rmsDistance(double[] a, double[] b) {
        Vectors.requireFinite("a", a);
        Vectors.requireFinite("b", b);
        Require.that(a.length == b.length, "b.length", b.length, "a.length = " + a.length);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        if (s < Double.POSITIVE_INFINITY) {
            return Math.sqrt(s / a.length);
        }
        double scale = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.max(Math.abs(a[i]), Math.abs(b[i])));
        }
        double t = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] / scale - b[i] / scale;
            t += d * d;
        }
        return Math.sqrt(t / a.length) * scale;
    }
}
