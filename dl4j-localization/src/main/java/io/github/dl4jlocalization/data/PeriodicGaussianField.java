package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;
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
 * C with the clamped spectrum. Never a dense D x D factor: cost {@code O(L^2)} per 1-D sample and
 * {@code O(L^3) = O(D^1.5)} per 2-D sample; the spectrum is computed once, in {@code O(L^2)} (1-D)
 * or {@code O(L^3)} (2-D, one axis at a time).
 *
 * <p>Implementation, in plain Java (2-3x faster than BLAS calls at these sizes, and free of
 * off-heap buffers): samples are drawn in blocks and stored "lane by lane", one array per
 * coordinate along the axis being transformed, holding that coordinate for every sample of the
 * block (and, in 2-D, every position along the other axis), so that the multiply-add loops run
 * along the lanes and compile to SIMD instructions. R is applied with the symmetries of its
 * columns, which quarter the work of the dense product for even L (halve it for odd L): rows
 * {@code L-i}, {@code L/2-i} and {@code L/2+i} use the cosines and sines of row i up to signs set
 * by the parity of the frequency (see {@link RingSynthesis}). The last pass writes each value
 * straight to its row of the output. The order in which the noise is drawn is a fixed function of
 * L, the dimension and {@code count}.
 *
 * <p>In 2-D the kernel must be symmetric in each axis separately (true for every function of the
 * per-axis periodic distances, hence for all models here).
 *
 * <p>Immutable and thread-safe.
 */
public final class PeriodicGaussianField implements Serializable {
    private static final long serialVersionUID = 2L;

    /** Doubles per lane buffer that a block aims at: two buffers stay in a 1 MiB L2 cache. */
    private static final int BLOCK_DOUBLES = 16_384;
    /** Fewest samples per block: shorter lanes would not fill the vectorised loops. */
    private static final int MIN_BLOCK = 32;
    private static final int MAX_BLOCK = 256;

    /** Per-thread work lanes: allocating them for every call would cost more than the sampling. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private final StationaryCovariance covariance;
    private final double[] eigenvalues;
    /** sqrt(max(lambda, 0)) of each noise coordinate: basis column (1-D) or (j1, j2) row-major (2-D). */
    private final double[] scale;
    private final RingSynthesis synthesis;
    private final int block;

    /**
     * An upper bound, in bytes, of the heap that the fields of both classes of a model on a ring
     * ({@code dims} 1) or torus (2) of side n hold while the second is built: per field while it is
     * built the cosine table ({@code (n/2 + 1) n} doubles), in 2-D the partial transforms of the
     * spectrum (as many), and the real Fourier basis ({@code n^2});
     * kept, the synthesis weights (about {@code n^2 / 4} per field) and the kernel, eigenvalues and
     * scales ({@code n^dims} each per field); in all at most {@code 2 n^2 + 6 n} doubles in 1-D and
     * {@code 3 n^2 + 6 n^2} in 2-D.
     */
    public static double buildBytes(int n, int dims) {
        return Double.BYTES * ((dims == 1 ? 2.0 : 3.0) * n * n + 6.0 * Math.pow(n, dims));
    }

    /** @param covariance the field's covariance; 2-D kernels must be symmetric per axis */
    public PeriodicGaussianField(StationaryCovariance covariance) {
        this.covariance = Require.nonNull("covariance", covariance);
        int n = covariance.length();
        double[] kernel = covariance.kernel();
        double[][] cosines = cosineTable(n);
        if (covariance.dims() == 1) {
            eigenvalues = new double[n];
            for (int j = 0; j < n; j++) {
                int k = frequency(j);
                double lambda = 0;
                for (int d = 0; d < n; d++) {
                    lambda += kernel[d] * cosines[k][d];
                }
                eigenvalues[j] = lambda;
            }
        } else {
            requireAxisSymmetric(kernel, n);
            // the transform along the second axis first, once per (d1, k2): O(n^3) in all instead
            // of O(n^4) (the same sums in the same order, so the same values)
            double[][] rows = new double[n][cosines.length];
            for (int d1 = 0; d1 < n; d1++) {
                for (int k2 = 0; k2 < cosines.length; k2++) {
                    double row = 0;
                    for (int d2 = 0; d2 < n; d2++) {
                        row += kernel[d1 * n + d2] * cosines[k2][d2];
                    }
                    rows[d1][k2] = row;
                }
            }
            eigenvalues = new double[n * n];
            for (int j1 = 0; j1 < n; j1++) {
                int k1 = frequency(j1);
                for (int j2 = 0; j2 < n; j2++) {
                    int k2 = frequency(j2);
                    double lambda = 0;
                    for (int d1 = 0; d1 < n; d1++) {
                        lambda += rows[d1][k2] * cosines[k1][d1];
                    }
                    eigenvalues[j1 * n + j2] = lambda;
                }
            }
        }
        scale = new double[eigenvalues.length];
        for (int j = 0; j < scale.length; j++) {
            scale[j] = Math.sqrt(Math.max(eigenvalues[j], 0));
        }
        synthesis = new RingSynthesis(n);
        block = Math.max(MIN_BLOCK, Math.min(MAX_BLOCK, Integer.highestOneBit(BLOCK_DOUBLES / scale.length)));
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
        Require.atLeast("count", count, 0);
        int d = dimension();
        int n = covariance.length();
        // samples per lane entry group: 1-D lane j holds coordinate j of each sample; 2-D lanes
        // hold one coordinate along the axis being transformed for every (other coordinate, sample)
        int across = covariance.dims() == 1 ? 1 : n;
        Workspace w = WORKSPACE.get().shaped(n, across * block);
        for (int done = 0; done < count; done += block) {
            int size = Math.min(block, count - done);
            drawNoise(w, across, size, random, noiseNorms != null);
            if (noiseNorms != null) {
                double[] squares = w.squares;
                for (int s = 0; s < size; s++) {
                    noiseNorms[done + s] = Math.sqrt(squares[s]);
                }
            }
            int base = (row + done) * d;
            if (across == 1) {
                // lane j = coefficient j of each sample; z_i of sample s goes to out[base + s d + i]
                synthesis.toRows(w.noise, 1, size, w, out, base, 1, d);
            } else {
                // pass 1 along j2: noise[j2][(j1, s)] -> work[j1][(i2, s)] = (X R^T)[j1][i2]
                synthesis.toLanes(w.noise, n, size, w, w.work);
                // pass 2 along j1: work[j1][(i2, s)] -> Z[i1][i2] at out[base + s d + i1 n + i2]
                synthesis.toRows(w.work, n, size, w, out, base, n, d);
            }
        }
    }

    /**
     * Fills the noise lanes with {@code sqrt(lambda) eps} for {@code size} samples: in 1-D lane j
     * holds coefficient j of each sample; in 2-D lane j2 holds coefficient (j1, j2) of sample s at
     * {@code j1 size + s}. Also accumulates the per-sample sums of {@code eps^2} when asked.
     */
    private void drawNoise(Workspace w, int across, int size, RandomGenerator random, boolean norms) {
        int n = covariance.length();
        double[] squares = w.squares;
        if (norms) {
            Arrays.fill(squares, 0, size, 0.0);
        }
        for (int j2 = 0; j2 < n; j2++) {
            double[] lane = w.noise[j2];
            for (int j1 = 0; j1 < across; j1++) {
                double sp = scale[j1 * n + j2];
                int offset = j1 * size;
                if (norms) {
                    for (int s = 0; s < size; s++) {
                        double e = random.nextGaussian();
                        squares[s] += e * e;
                        lane[offset + s] = sp * e;
                    }
                } else {
                    for (int s = 0; s < size; s++) {
                        lane[offset + s] = sp * random.nextGaussian();
                    }
                }
            }
        }
    }

    /** Frequency k of column j of the real Fourier basis. */
    static int frequency(int column) {
        return (column + 1) / 2;
    }

    /** Whether column j of the basis of the ring of length n is a cosine (or the constant). */
    private static boolean isCosine(int column) {
        return column % 2 == 1 || column == 0;
    }

    /**
     * The orthonormal real Fourier basis of the ring of length n ({@code basis[i][j]} = entry i
     * of column j): column 0 constant, odd columns cosines, even columns sines of frequency
     * {@code (j+1)/2}; for even n the last column is the Nyquist cosine {@code (-1)^i / sqrt(n)}.
     * Entries that vanish exactly (cosines at a quarter turn, sines at a half turn) are exact zeros.
     */
    static double[][] realFourierBasis(int n) {
        double[][] basis = new double[n][n];
        double c0 = 1 / Math.sqrt(n);
        double c = Math.sqrt(2.0 / n);
        for (int i = 0; i < n; i++) {
            basis[i][0] = c0;
            for (int j = 1; j < n; j++) {
                int k = frequency(j);
                long turn = (long) k * i % n;
                double angle = 2 * Math.PI * turn / n;
                if (j % 2 == 1) {
                    if (2 * k == n) {
                        basis[i][j] = c0 * ((i % 2 == 0) ? 1 : -1);
                    } else {
                        basis[i][j] = 4 * turn == n || 4 * turn == 3L * n ? 0 : c * Math.cos(angle);
                    }
                } else {
                    basis[i][j] = turn == 0 || 2 * turn == n ? 0 : c * Math.sin(angle);
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

    /**
     * {@code z = R c} on lanes, for the basis R of the ring of length n, using its symmetries.
     *
     * <p>Split the columns into four parts by kind and, for even n, by the parity of the frequency
     * k: cosines of even k (with the constant), cosines of odd k (with the Nyquist column), sines
     * of even k, sines of odd k. For a representative row i (0 &lt;= i &lt;= n/4), let
     * {@code P_0..P_3} be the partial sums {@code sum_{j in part} R[i][j] c_j}; since
     * {@code cos(2 pi k (n/2 +- i)/n) = (-1)^k cos(2 pi k i/n)} and
     * {@code sin(2 pi k (n/2 +- i)/n) = -+(-1)^k sin(2 pi k i/n)}, with a = P0 + P1, b = P0 - P1,
     * c = P2 + P3, d = P2 - P3:
     * <pre>  z_i = a + c,   z_{n-i} = a - c,   z_{n/2-i} = b - d,   z_{n/2+i} = b + d.</pre>
     * For odd n there is no parity split (parts 1 and 3 are empty), the representatives are
     * i &lt;= n/2 and the four images {@code i, n-i, n-i, i}: {@code z_i = P0 + P2},
     * {@code z_{n-i} = P0 - P2}, each written twice. Coinciding images get identical values, the
     * vanishing basis entries being exact zeros. Each part's sum runs over groups of four lanes,
     * padded with zero weights.
     */
    private static final class RingSynthesis implements Serializable {
        private static final long serialVersionUID = 1L;
        private static final int PARTS = 4;
        /** Padding column: a lane of zeros. */
        private static final int ZERO = -1;
        private static final int GROUP = 4;

        /** columns[p]: the basis columns of part p, padded with ZERO to a multiple of GROUP. */
        private final int[][] columns;
        /** weights[r][p][q] = R[row r][columns[p][q]] (0 for padding). */
        private final double[][][] weights;
        /** images[r]: the output rows of representative row r (see the class comment). */
        private final int[][] images;

        RingSynthesis(int n) {
            boolean even = n % 2 == 0;
            int[] counts = new int[PARTS];
            int[] partOf = new int[n];
            for (int j = 0; j < n; j++) {
                partOf[j] = (isCosine(j) ? 0 : 2) + (even ? frequency(j) % 2 : 0);
                counts[partOf[j]]++;
            }
            columns = new int[PARTS][];
            for (int p = 0; p < PARTS; p++) {
                columns[p] = new int[(counts[p] + GROUP - 1) / GROUP * GROUP];
                Arrays.fill(columns[p], ZERO);
                counts[p] = 0;
            }
            for (int j = 0; j < n; j++) {
                columns[partOf[j]][counts[partOf[j]]++] = j;
            }
            double[][] basis = realFourierBasis(n);
            int reps = even ? n / 4 + 1 : n / 2 + 1;
            weights = new double[reps][PARTS][];
            images = new int[reps][];
            for (int i = 0; i < reps; i++) {
                for (int p = 0; p < PARTS; p++) {
                    weights[i][p] = new double[columns[p].length];
                    for (int q = 0; q < columns[p].length; q++) {
                        weights[i][p][q] = columns[p][q] == ZERO ? 0 : basis[i][columns[p][q]];
                    }
                }
                int mirror = (n - i) % n;
                images[i] = even ? new int[] {i, mirror, n / 2 - i, n / 2 + i} : new int[] {i, mirror, mirror, i};
            }
        }

        /**
         * The lanes hold {@code groups} groups of {@code size} entries: entry {@code e = g size + s}.
         * Stores {@code z_i = sum_j R[i][j] in[j][e]} at {@code out[g][i size + s]}: the
         * regrouping between the two passes of a 2-D sample.
         */
        void toLanes(double[][] in, int groups, int size, Workspace w, double[][] out) {
            for (int r = 0; r < images.length; r++) {
                partialSums(r, in, groups * size, w);
                int[] image = images[r];
                for (int g = 0; g < groups; g++) {
                    butterfly(w.partSums, g * size, image, size, 0, 1, out[g], size);
                }
            }
        }

        /**
         * As {@link #toLanes}, storing {@code z_i} of entry (g, s) at
         * {@code out[offset + i rowStride + g + s sampleStride]}: the rows of the output.
         */
        void toRows(double[][] in, int groups, int size, Workspace w, double[] out, int offset, int rowStride,
                    int sampleStride) {
            for (int r = 0; r < images.length; r++) {
                partialSums(r, in, groups * size, w);
                int[] image = images[r];
                for (int g = 0; g < groups; g++) {
                    butterfly(w.partSums, g * size, image, rowStride, offset + g, sampleStride, out, size);
                }
            }
        }

        private void partialSums(int r, double[][] in, int length, Workspace w) {
            for (int p = 0; p < PARTS; p++) {
                partialSum(w.partSums[p], weights[r][p], columns[p], in, length, w.zeros);
            }
        }

        /**
         * For {@code k < count}: the four images of part-sum entry {@code from + k}, row
         * {@code image[m]} stored at {@code out[offset + image[m] rowStride + k stride]} (see the
         * class comment).
         */
        private static void butterfly(double[][] sums, int from, int[] image, int rowStride, int offset, int stride,
                                      double[] out, int count) {
            double[] p0 = sums[0];
            double[] p1 = sums[1];
            double[] p2 = sums[2];
            double[] p3 = sums[3];
            int to0 = offset + image[0] * rowStride;
            int to1 = offset + image[1] * rowStride;
            int to2 = offset + image[2] * rowStride;
            int to3 = offset + image[3] * rowStride;
            for (int k = 0, e = from, t = 0; k < count; k++, e++, t += stride) {
                double a = p0[e] + p1[e];
                double b = p0[e] - p1[e];
                double c = p2[e] + p3[e];
                double d = p2[e] - p3[e];
                out[to0 + t] = a + c;
                out[to1 + t] = a - c;
                out[to2 + t] = b - d;
                out[to3 + t] = b + d;
            }
        }

        /** {@code sum[s] = sum_q w[q] lane(column[q])[s]}, four lanes per pass. */
        private static void partialSum(double[] sum, double[] w, int[] column, double[][] in, int size,
                                       double[] zeros) {
            if (column.length == 0) {
                Arrays.fill(sum, 0, size, 0.0);
                return;
            }
            for (int q = 0; q < column.length; q += GROUP) {
                double w0 = w[q];
                double w1 = w[q + 1];
                double w2 = w[q + 2];
                double w3 = w[q + 3];
                double[] e0 = column[q] == ZERO ? zeros : in[column[q]];
                double[] e1 = column[q + 1] == ZERO ? zeros : in[column[q + 1]];
                double[] e2 = column[q + 2] == ZERO ? zeros : in[column[q + 2]];
                double[] e3 = column[q + 3] == ZERO ? zeros : in[column[q + 3]];
                if (q == 0) {
                    for (int s = 0; s < size; s++) {
                        sum[s] = w0 * e0[s] + w1 * e1[s] + w2 * e2[s] + w3 * e3[s];
                    }
                } else {
                    for (int s = 0; s < size; s++) {
                        sum[s] += w0 * e0[s] + w1 * e1[s] + w2 * e2[s] + w3 * e3[s];
                    }
                }
            }
        }
    }

    /** One thread's lanes: n lanes of {@code length} entries per buffer. */
    private static final class Workspace {
        private int lanes = -1;
        private int length = -1;
        double[][] noise;
        double[][] work;
        double[][] partSums;
        double[] squares;
        double[] zeros;

        Workspace shaped(int n, int size) {
            if (n != lanes || size != length) {
                noise = new double[n][size];
                work = new double[n][size];
                partSums = new double[4][size];
                squares = new double[size];
                zeros = new double[size];
                lanes = n;
                length = size;
            }
            return this;
        }
    }
}
