package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntToDoubleFunction;

/**
 * The covariance of a translation-invariant field on a periodic 1-D ring of length L or a 2-D
 * L x L torus (flattened row-major, D = L or L^2): {@code Cov(x_i, x_j) = kernel[(i - j) mod torus]},
 * where the displacement is taken per axis modulo L. All data models of this project are
 * translation invariant with periodic boundary, so one kernel of D values describes their
 * D x D covariance (a circulant matrix in 1-D, block-circulant with circulant blocks in 2-D).
 *
 * <p>Immutable.
 */
public final class StationaryCovariance implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int dims;
    private final double[] kernel;

    /**
     * @param length L, >= 2
     * @param dims   1 (ring) or 2 (torus)
     * @param kernel {@code kernel[k]} = covariance between site 0 and site k (row-major in 2-D);
     *               length L or L^2, must be symmetric under k -&gt; -k
     */
    public StationaryCovariance(int length, int dims, double[] kernel) {
        this.length = Require.atLeast("length", length, 2);
        this.dims = Require.inRange("dim", dims, 1, 2);
        int d = dims == 1 ? length : length * length;
        Require.that(kernel != null && kernel.length == d, "kernel length",
                kernel == null ? null : kernel.length, "L^dim = " + d);
        this.kernel = kernel.clone();
    }

    /** A 1-D ring covariance from a function of the periodic distance d = min(|i-j|, L-|i-j|). */
    public static StationaryCovariance ring(int length, IntToDoubleFunction ofDistance) {
        double[] k = new double[Require.atLeast("length", length, 2)];
        for (int i = 0; i < length; i++) {
            k[i] = ofDistance.applyAsDouble(Math.min(i, length - i));
        }
        return new StationaryCovariance(length, 1, k);
    }

    /** The separable 2-D covariance {@code C ⊗ C} of a 1-D ring covariance C. */
    public StationaryCovariance kronecker() {
        Require.that(dims == 1, "dim", dims, "1 to form a Kronecker square");
        double[] k = new double[length * length];
        for (int r = 0; r < length; r++) {
            for (int c = 0; c < length; c++) {
                k[r * length + c] = kernel[r] * kernel[c];
            }
        }
        return new StationaryCovariance(length, 2, k);
    }

    /** Side length L. */
    public int length() {
        return length;
    }

    /** 1 or 2. */
    public int dims() {
        return dims;
    }

    /** D = L or L^2. */
    public int dimension() {
        return kernel.length;
    }

    /** A copy of the kernel: covariance between site 0 and every site. */
    public double[] kernel() {
        return kernel.clone();
    }

    /** The covariance between sites i and j. */
    public double get(int i, int j) {
        if (dims == 1) {
            return kernel[Math.floorMod(i - j, length)];
        }
        int dr = Math.floorMod(i / length - j / length, length);
        int dc = Math.floorMod(i % length - j % length, length);
        return kernel[dr * length + dc];
    }

    /** The marginal variance (kernel at displacement 0). */
    public double variance() {
        return kernel[0];
    }

    /**
     * The covariance whose kernel is {@code f} applied to every entry of this one, e.g. the
     * output covariance {@code f(C_ij)} of a pointwise transform of a Gaussian field with
     * covariance C (the caller is responsible for the result being a covariance).
     */
    public StationaryCovariance mapped(DoubleUnaryOperator f) {
        double[] k = kernel.clone();
        for (int i = 0; i < k.length; i++) {
            k[i] = f.applyAsDouble(k[i]);
        }
        return new StationaryCovariance(length, dims, k);
    }

    /** This covariance multiplied by {@code factor}. */
    public StationaryCovariance scaled(double factor) {
        return mapped(c -> c * factor);
    }

    /** The dense D x D matrix. */
    public double[][] toDense() {
        int d = dimension();
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = get(i, j);
            }
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StationaryCovariance c && c.length == length && c.dims == dims
                && Arrays.equals(c.kernel, kernel);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * length + dims) + Arrays.hashCode(kernel);
    }

    @Override
    public String toString() {
        return "StationaryCovariance[L=" + length + ", dim=" + dims + ", variance=" + kernel[0] + "]";
    }
}
