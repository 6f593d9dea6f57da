package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The product {@code w -> Sigma w} with a stationary covariance on the ring (circulant Sigma) or
 * the torus (block-circulant with circulant blocks), computed in the Fourier basis:
 * <pre>  Sigma w = IDFT( lambda . DFT(w) ),   lambda = DFT(kernel)   (1-D or 2-D DFT, D = L or L^2)</pre>
 * i.e. the circular convolution of w with the covariance kernel. The eigenvalues {@code lambda}
 * are real because the kernel is symmetric under {@code k -> -k} (checked when built: the
 * imaginary part of its DFT must vanish to rounding).
 *
 * <p>Cost per product: one forward and one inverse complex {@link Fft} of length L (1-D), or
 * 2L of them (2-D, rows then columns), against {@code D^2} for the dense product. Measured on
 * this project's shared 2-core machine (JIT-warm; both products of one effective-dynamics step,
 * which share their transforms): L = 40: 1.8 us by FFT against 1.0 us dense; L = 100: 5.5 us
 * against 10.5 us; 2-D L = 30 (D = 900): 96 us against 675 us. Only at the smallest sizes is the
 * dense product faster, by less than 1 us per step (a 2000-step integration at L = 40 takes
 * about 8 ms either way), so one FFT path serves every size and no D x D matrix is formed.
 *
 * <p>Immutable and thread-safe; the allocation-free paths take a {@link Workspace}.
 */
public final class CirculantOperator implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Allowed imaginary part of the kernel's DFT, relative to {@code sum |kernel|}. */
    private static final double SYMMETRY_TOLERANCE = 1e-10;

    private final int length;
    private final int dims;
    private final Fft fft;
    private final double[] eigenvalues;

    private CirculantOperator(int length, int dims, Fft fft, double[] eigenvalues) {
        this.length = length;
        this.dims = dims;
        this.fft = fft;
        this.eigenvalues = eigenvalues;
    }

    /**
     * The operator of {@code covariance}.
     *
     * @throws IllegalArgumentException if the kernel is not symmetric under {@code k -> -k}
     */
    public static CirculantOperator of(StationaryCovariance covariance) {
        Require.nonNull("covariance", covariance);
        double[] re = covariance.kernel();
        double[] im = new double[re.length];
        double scale = 0;
        for (double v : re) {
            scale += Math.abs(v);
        }
        Fft fft = new Fft(covariance.length());
        transform(fft, covariance.dims(), re, im, false, fft.workspace());
        double worst = 0;
        int worstIndex = 0;
        for (int k = 0; k < im.length; k++) {
            if (Math.abs(im[k]) > worst) {
                worst = Math.abs(im[k]);
                worstIndex = k;
            }
        }
        Require.that(worst <= SYMMETRY_TOLERANCE * scale, "covariance kernel",
                "one whose DFT has imaginary part " + worst + " at frequency " + worstIndex,
                "symmetric under k -> -k (imaginary part of its DFT <= " + SYMMETRY_TOLERANCE + " * sum|kernel|)");
        return new CirculantOperator(covariance.length(), covariance.dims(), fft, re);
    }

    /** D = L or L^2. */
    public int dimension() {
        return eigenvalues.length;
    }

    /** Side length L. */
    public int length() {
        return length;
    }

    /** 1 (ring) or 2 (torus). */
    public int dims() {
        return dims;
    }

    /**
     * A copy of the eigenvalues {@code lambda_k = sum_j kernel_j cos(2 pi j k / L)} (per axis in
     * 2-D, index {@code k_row L + k_col}); the eigenvector of {@code lambda_k} is the Fourier mode
     * {@code exp(2 pi i j k / L)}.
     */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** {@code Sigma w} as a new array. */
    public double[] apply(double[] w) {
        requireVector("w", w);
        double[] out = new double[w.length];
        Workspace ws = workspace();
        forward(w, ws);
        for (int k = 0; k < out.length; k++) {
            ws.re[k] *= eigenvalues[k];
            ws.im[k] *= eigenvalues[k];
        }
        transform(fft, dims, ws.re, ws.im, true, ws.fft);
        double inverseD = 1.0 / out.length;
        for (int i = 0; i < out.length; i++) {
            out[i] = ws.re[i] * inverseD;
        }
        return out;
    }

    /** The quadratic form {@code w' Sigma w}. */
    public double quadraticForm(double[] w) {
        double[] s = apply(w);
        double q = 0;
        for (int i = 0; i < w.length; i++) {
            q += w[i] * s[i];
        }
        return q;
    }

    /** New scratch arrays for the allocation-free products of this operator's geometry. */
    Workspace workspace() {
        return new Workspace(eigenvalues.length, fft.workspace());
    }

    /**
     * {@code outA = A w} and {@code outB = B w} with one forward and one inverse transform: both
     * products are real, so {@code IDFT(lambda_A W + i lambda_B W)} carries {@code A w} in its real
     * and {@code B w} in its imaginary part. A and B must have the same geometry.
     */
    static void applyPair(CirculantOperator a, CirculantOperator b, double[] w, double[] outA, double[] outB,
                          Workspace ws) {
        a.forward(w, ws);
        double[] re = ws.re;
        double[] im = ws.im;
        double[] la = a.eigenvalues;
        double[] lb = b.eigenvalues;
        for (int k = 0; k < re.length; k++) {
            double wr = re[k];
            double wi = im[k];
            // lambda_A (wr + i wi) + i lambda_B (wr + i wi)
            re[k] = la[k] * wr - lb[k] * wi;
            im[k] = la[k] * wi + lb[k] * wr;
        }
        transform(a.fft, a.dims, re, im, true, ws.fft);
        double inverseD = 1.0 / re.length;
        for (int i = 0; i < re.length; i++) {
            outA[i] = re[i] * inverseD;
            outB[i] = im[i] * inverseD;
        }
    }

    /** Whether {@code other} acts on the same ring or torus. */
    boolean sameGeometry(CirculantOperator other) {
        return other.length == length && other.dims == dims;
    }

    /** Loads the DFT of the real vector w into the workspace's {@code re, im}. */
    private void forward(double[] w, Workspace ws) {
        System.arraycopy(w, 0, ws.re, 0, w.length);
        Arrays.fill(ws.im, 0);
        transform(fft, dims, ws.re, ws.im, false, ws.fft);
    }

    private void requireVector(String name, double[] w) {
        Require.nonNull(name, w);
        Require.that(w.length == eigenvalues.length, name + ".length", w.length, "D = " + eigenvalues.length);
    }

    /** The 1-D DFT, or the 2-D DFT of a row-major L x L array (rows, then columns). */
    static void transform(Fft fft, int dims, double[] re, double[] im, boolean inverse, Fft.Workspace ws) {
        int n = fft.length();
        if (dims == 1) {
            fft.transform(re, im, 0, 1, inverse, ws);
            return;
        }
        for (int r = 0; r < n; r++) {
            fft.transform(re, im, r * n, 1, inverse, ws);
        }
        for (int c = 0; c < n; c++) {
            fft.transform(re, im, c, n, inverse, ws);
        }
    }

    /** Scratch arrays of the allocation-free products; not thread-safe. */
    static final class Workspace {
        private final double[] re;
        private final double[] im;
        private final Fft.Workspace fft;

        private Workspace(int dimension, Fft.Workspace fft) {
            this.re = new double[dimension];
            this.im = new double[dimension];
            this.fft = fft;
        }
    }
}
