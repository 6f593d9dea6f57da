package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The unnormalised discrete Fourier transform of any length n,
 * <pre>  X_k = sum_j x_j exp(-+ 2 pi i j k / n)   (- forward, + inverse; the inverse is not divided by n)</pre>
 * by mixed-radix decimation in time: n is split into its prime factors (2 first), each stage
 * combines p sub-transforms of length m = len/p with twiddles {@code exp(-2 pi i r k / len)} and a
 * p-point DFT (a plain butterfly for p = 2). Cost {@code O(n sum_f p_f)}: {@code O(n log n)} for
 * the lengths of the papers (12, 16, 20, 30, 40, 100), {@code O(n^2)} for a prime n (which is then
 * the dense product's cost; no Bluestein step, as no paper uses a large prime length).
 *
 * <p>The plan (factors and the table of n-th roots of unity) is immutable and shared; scratch
 * arrays live in a {@link Workspace}, one per thread.
 */
final class Fft implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int n;
    private final int[] factors;
    private final int largestFactor;
    /** cos(2 pi j / n) and sin(2 pi j / n), j = 0 .. n-1. */
    private final double[] cos;
    private final double[] sin;

    /** @param n transform length, >= 1 */
    Fft(int n) {
        this.n = Require.atLeast("FFT length", n, 1);
        this.factors = primeFactors(n);
        int largest = 1;
        for (int p : factors) {
            largest = Math.max(largest, p);
        }
        this.largestFactor = largest;
        this.cos = new double[n];
        this.sin = new double[n];
        for (int j = 0; j < n; j++) {
            double angle = 2 * Math.PI * j / n;
            cos[j] = Math.cos(angle);
            sin[j] = Math.sin(angle);
        }
    }

    private static int[] primeFactors(int n) {
        int[] buffer = new int[32];
        int count = 0;
        int rest = n;
        for (int p = 2; (long) p * p <= rest; p++) {
            while (rest % p == 0) {
                buffer[count++] = p;
                rest /= p;
            }
        }
        if (rest > 1) {
            buffer[count++] = rest;
        }
        return Arrays.copyOf(buffer, count);
    }

    /** The length n. */
    int length() {
        return n;
    }

    /** New scratch arrays for this plan. */
    Workspace workspace() {
        return new Workspace(n, largestFactor);
    }

    /**
     * Transforms, in place, the n complex values {@code (re[offset + j stride], im[offset + j stride])},
     * j = 0 .. n-1.
     *
     * @param inverse false: {@code exp(-2 pi i jk/n)}; true: {@code exp(+2 pi i jk/n)}, not divided by n
     */
    void transform(double[] re, double[] im, int offset, int stride, boolean inverse, Workspace ws) {
        for (int j = 0; j < n; j++) {
            ws.inRe[j] = re[offset + j * stride];
            ws.inIm[j] = im[offset + j * stride];
        }
        recurse(ws.inRe, ws.inIm, 0, 1, ws.outRe, ws.outIm, 0, n, 0, inverse ? 1 : -1, ws);
        for (int j = 0; j < n; j++) {
            re[offset + j * stride] = ws.outRe[j];
            im[offset + j * stride] = ws.outIm[j];
        }
    }

    /**
     * Writes the DFT of the {@code len} inputs {@code in[inOff + j inStride]} to
     * {@code out[outOff .. outOff + len)}; {@code sign} is the sign of the exponent.
     */
    private void recurse(double[] inRe, double[] inIm, int inOff, int inStride,
                         double[] outRe, double[] outIm, int outOff, int len, int level, double sign, Workspace ws) {
        if (len == 1) {
            outRe[outOff] = inRe[inOff];
            outIm[outOff] = inIm[inOff];
            return;
        }
        int p = factors[level];
        int m = len / p;
        for (int r = 0; r < p; r++) {
            recurse(inRe, inIm, inOff + r * inStride, inStride * p, outRe, outIm, outOff + r * m, m, level + 1, sign, ws);
        }
        // X[k + q m] = sum_r w_len^(r k) w_p^(r q) Y_r[k], with Y_r[k] = out[outOff + r m + k]
        int rootStep = n / len;
        if (p == 2) {
            for (int k = 0; k < m; k++) {
                int i0 = outOff + k;
                int i1 = i0 + m;
                int t = k * rootStep;
                double c = cos[t];
                double s = sign * sin[t];
                double yRe = outRe[i1] * c - outIm[i1] * s;
                double yIm = outRe[i1] * s + outIm[i1] * c;
                double xRe = outRe[i0];
                double xIm = outIm[i0];
                outRe[i0] = xRe + yRe;
                outIm[i0] = xIm + yIm;
                outRe[i1] = xRe - yRe;
                outIm[i1] = xIm - yIm;
            }
            return;
        }
        int pStep = n / p;
        double[] tRe = ws.factorRe;
        double[] tIm = ws.factorIm;
        for (int k = 0; k < m; k++) {
            tRe[0] = outRe[outOff + k];
            tIm[0] = outIm[outOff + k];
            // r k rootStep < p m n / len = n: no reduction needed
            for (int r = 1, t = k * rootStep; r < p; r++, t += k * rootStep) {
                int i = outOff + r * m + k;
                double c = cos[t];
                double s = sign * sin[t];
                tRe[r] = outRe[i] * c - outIm[i] * s;
                tIm[r] = outRe[i] * s + outIm[i] * c;
            }
            for (int q = 0; q < p; q++) {
                double sumRe = tRe[0];
                double sumIm = tIm[0];
                // t = (r q mod p) n/p, advanced by q n/p and wrapped at n
                int stepQ = q * pStep;
                for (int r = 1, t = stepQ; r < p; r++) {
                    double c = cos[t];
                    double s = sign * sin[t];
                    sumRe += tRe[r] * c - tIm[r] * s;
                    sumIm += tRe[r] * s + tIm[r] * c;
                    t += stepQ;
                    if (t >= n) {
                        t -= n;
                    }
                }
                outRe[outOff + q * m + k] = sumRe;
                outIm[outOff + q * m + k] = sumIm;
            }
        }
    }

    /** Scratch arrays of one {@link Fft} plan; not thread-safe. */
    static final class Workspace {
        private final double[] inRe;
        private final double[] inIm;
        private final double[] outRe;
        private final double[] outIm;
        private final double[] factorRe;
        private final double[] factorIm;

        private Workspace(int n, int largestFactor) {
            inRe = new double[n];
            inIm = new double[n];
            outRe = new double[n];
            outIm = new double[n];
            factorRe = new double[largestFactor];
            factorIm = new double[largestFactor];
        }
    }
}
