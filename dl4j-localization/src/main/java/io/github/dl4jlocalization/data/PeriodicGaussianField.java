package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.util.random.RandomGenerator;

/**
 * A zero-mean Gaussian field on a periodic ring (1-D, D = L) or torus (2-D, D = L^2, row-major)
 * with a given {@link StationaryCovariance} C, sampled through an exact square root computed once.
 *
 * <p>C is diagonal in the real Fourier basis {@code R} of the ring (the reference code's "DRT":
 * a constant column, then interleaved {@code sqrt(2/L) cos(2 pi k i/L)} and
 * {@code sqrt(2/L) sin(2 pi k i/L)} columns, and the Nyquist cosine for even L):
 * {@code C = R diag(lambda) R^T} with {@code lambda_k = sum_d c(d) cos(2 pi k d / L)}; in 2-D the
 * basis is {@code R ⊗ R} and {@code lambda(k1,k2) = sum c(d1,d2) cos(2 pi k1 d1/L) cos(2 pi k2 d2/L)}.
 * Negative eigenvalues (round-off for long correlation lengths) are clamped to 0. A sample is
 * <pre>  z = R diag(sqrt(max(lambda, 0))) eps,   eps ~ N(0, I_D)</pre>
 * (in 2-D {@code Z = R (sqrt(Lambda) ∘ E) R^T} as an L x L image), which has covariance exactly
 * C with the clamped spectrum. Batches are transformed with BLAS matrix products: cost
 * {@code O(B L^2)} in 1-D and {@code O(B L^3) = O(B D^1.5)} in 2-D, never a dense D x D factor.
 *
 * <p>In 2-D the kernel must be symmetric in each axis separately (true for every function of the
 * per-axis periodic distances, hence for all models here).
 *
 * <p>Immutable and thread-safe.
 */
public final class PeriodicGaussianField implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StationaryCovariance covariance;
    private final double[] eigenvalues;
    /** 1-D: (R diag(sqrt lambda))^T, L x L row-major. 2-D: R^T, L x L row-major. */
    private final double[] rightFactor;
    /** 2-D only: sqrt(max(Lambda, 0)) transposed, L x L row-major; null in 1-D. */
    private final double[] transposedScale;
    private transient volatile INDArray rightFactorArray;

    /**
     * Per-thread detached work arrays: allocating off-heap arrays for every batch costs more
     * than the matrix product itself.
     */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        private INDArray[] buffers;

        INDArray[] buffers(long rows, long cols) {
            if (buffers == null || buffers[0].rows() != rows || buffers[0].columns() != cols) {
                try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                    buffers = new INDArray[] {Nd4j.createUninitialized(DataType.DOUBLE, rows, cols),
                        Nd4j.createUninitialized(DataType.DOUBLE, rows, cols)};
                }
            }
            return buffers;
        }
    }

    /** @param covariance the field's covariance; 2-D kernels must be symmetric per axis */
    public PeriodicGaussianField(StationaryCovariance covariance) {
        this.covariance = Require.nonNull("covariance", covariance);
        int n = covariance.length();
        double[] kernel = covariance.kernel();
        double[][] basis = realFourierBasis(n);
        double[][] cosines = cosineTable(n);
        if (covariance.dims() == 1) {
            eigenvalues = new double[n];
            rightFactor = new double[n * n];
            for (int j = 0; j < n; j++) {
                int k = frequency(j);
                double lambda = 0;
                for (int d = 0; d < n; d++) {
                    lambda += kernel[d] * cosines[k][d];
                }
                eigenvalues[j] = lambda;
                double s = Math.sqrt(Math.max(lambda, 0));
                for (int i = 0; i < n; i++) {
                    rightFactor[j * n + i] = basis[i][j] * s;
                }
            }
            transposedScale = null;
        } else {
            requireAxisSymmetric(kernel, n);
            eigenvalues = new double[n * n];
            transposedScale = new double[n * n];
            rightFactor = new double[n * n];
            for (int j1 = 0; j1 < n; j1++) {
                int k1 = frequency(j1);
                for (int j2 = 0; j2 < n; j2++) {
                    int k2 = frequency(j2);
                    double lambda = 0;
                    for (int d1 = 0; d1 < n; d1++) {
                        double row = 0;
                        for (int d2 = 0; d2 < n; d2++) {
                            row += kernel[d1 * n + d2] * cosines[k2][d2];
                        }
                        lambda += row * cosines[k1][d1];
                    }
                    eigenvalues[j1 * n + j2] = lambda;
                    transposedScale[j2 * n + j1] = Math.sqrt(Math.max(lambda, 0));
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    rightFactor[j * n + i] = basis[i][j];
                }
            }
        }
    }

    /** The covariance this field was built from. */
    public StationaryCovariance covariance() {
        return covariance;
    }

    /** D. */
    public int dimension() {
        return covariance.dimension();
    }

    /**
     * The eigenvalues of C in the real Fourier basis, unclamped (column order of the basis;
     * row-major (j1, j2) in 2-D).
     */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /**
     * Fills {@code count} rows of {@code out} starting at row {@code row} with independent samples
     * of N(0, C) (C with its spectrum clamped at 0).
     */
    public void sample(int count, double[] out, int row, RandomGenerator random) {
        sample(count, out, row, random, null);
    }

    /**
     * As {@link #sample(int, double[], int, RandomGenerator)}, and also stores the Euclidean norm
     * of each sample's white noise {@code ||eps||} in {@code noiseNorms[0..count)} (when not
     * null): {@code eps/||eps||} is uniform on the sphere and independent of {@code ||eps||}, so
     * {@code z/||eps|| = R diag(sqrt lambda) u} is the direction part of an elliptical law.
     */
    public void sample(int count, double[] out, int row, RandomGenerator random, double[] noiseNorms) {
        if (count == 0) {
            return;
        }
        int d = dimension();
        int n = covariance.length();
        double[] eps = new double[count * d];
        for (int s = 0, i = 0; s < count; s++) {
            double squares = 0;
            for (int p = 0; p < d; p++, i++) {
                double e = random.nextGaussian();
                squares += e * e;
                eps[i] = transposedScale == null ? e : transposedScale[p] * e;
            }
            if (noiseNorms != null) {
                noiseNorms[s] = Math.sqrt(squares);
            }
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray factor = rightFactorArray();
            long rows = (long) count * d / n;
            INDArray[] buffers = SCRATCH.get().buffers(rows, n);
            INDArray e = buffers[0];
            INDArray z = buffers[1];
            e.data().asNioDouble().put(eps, 0, eps.length);
            Nd4j.gemm(e, factor, z, false, false, 1.0, 0.0);
            if (transposedScale != null) {
                // Z_s = R (sqrt(Lambda) ∘ E_s^T) R^T, computed as ((E_s R^T)^T) R^T per sample.
                e.reshape('c', count, n, n).assign(z.reshape('c', count, n, n).permute(0, 2, 1));
                Nd4j.gemm(e, factor, z, false, false, 1.0, 0.0);
            }
            z.data().asNioDouble().get(out, row * d, count * d);
        }
    }

    private INDArray rightFactorArray() {
        INDArray a = rightFactorArray;
        if (a == null) {
            int n = covariance.length();
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                a = Nd4j.create(rightFactor, new long[] {n, n}, DataType.DOUBLE);
            }
            rightFactorArray = a;
        }
        return a;
    }

    /** Frequency k of column j of the real Fourier basis. */
    static int frequency(int column) {
        return (column + 1) / 2;
    }

    /**
     * The orthonormal real Fourier basis of the ring of length n ({@code basis[i][j]} = entry i
     * of column j): column 0 constant, odd columns cosines, even columns sines of frequency
     * {@code (j+1)/2}; for even n the last column is the Nyquist cosine {@code (-1)^i / sqrt(n)}.
     */
    static double[][] realFourierBasis(int n) {
        double[][] basis = new double[n][n];
        double c0 = 1 / Math.sqrt(n);
        double c = Math.sqrt(2.0 / n);
        for (int i = 0; i < n; i++) {
            basis[i][0] = c0;
            for (int j = 1; j < n; j++) {
                int k = frequency(j);
                double angle = 2 * Math.PI * ((long) k * i % n) / n;
                if (j % 2 == 1) {
                    basis[i][j] = 2 * k == n ? c0 * ((i % 2 == 0) ? 1 : -1) : c * Math.cos(angle);
                } else {
                    basis[i][j] = c * Math.sin(angle);
                }
            }
        }
        return basis;
    }

    private static double[][] cosineTable(int n) {
        double[][] cos = new double[n / 2 + 1][n];
        for (int k = 0; k <= n / 2; k++) {
            for (int d = 0; d < n; d++) {
                cos[k][d] = Math.cos(2 * Math.PI * ((long) k * d % n) / n);
            }
        }
        return cos;
    }

    private static void requireAxisSymmetric(double[] kernel, int n) {
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                double v = kernel[r * n + c];
                double tol = 1e-12 * Math.max(1, Math.abs(v));
                if (Math.abs(v - kernel[((n - r) % n) * n + c]) > tol
                        || Math.abs(v - kernel[r * n + (n - c) % n]) > tol) {
                    throw new IllegalArgumentException(
                            "2-D covariance kernel must be symmetric in each axis, got asymmetry at (" + r + "," + c + ")");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "PeriodicGaussianField[" + covariance + "]";
    }
}
