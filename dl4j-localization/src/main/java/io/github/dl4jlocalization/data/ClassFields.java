package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.util.MemoryBudget;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The two Gaussian fields of the models built on the squared-exponential field N(0, C_xi)
 * ({@link Kernels#squaredExponential}): one {@link PeriodicGaussianField} per class, with
 * covariance {@code f(C_xi[c])} for a kernel map f applied entry-wise (the identity for NLGP, Kur
 * and the elliptical laws, the NLGP correlation for the Gaussian clone).
 *
 * <p>Validates the shared geometry parameters (xi, L >= 2, dim 1 or 2) once for all these models.
 * Immutable and thread-safe.
 */
final class ClassFields implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int length;
    private final int dims;
    private final PeriodicGaussianField[] fields;

    /**
     * @param xi        correlation lengths (pixels) of class 0 and class 1
     * @param length    L >= 2
     * @param dims      1 (D = L) or 2 (D = L^2)
     * @param kernelMap f, applied to every entry of C_xi to give the field's covariance; it must
     *                  map a correlation matrix to a covariance matrix
     */
    ClassFields(ClassPair xi, int length, int dims, DoubleUnaryOperator kernelMap) {
        Require.nonNull("xi", xi);
        this.length = Require.atLeast("length", length, 2);
        this.dims = Require.inRange("dim", dims, 1, 2);
        MemoryBudget.requireHeap("length", length, PeriodicGaussianField.buildBytes(length, dims),
                "the Gaussian-field tables of the two classes on " + (dims == 1 ? "a ring" : "a torus") + " of side "
                        + length);
        this.fields = new PeriodicGaussianField[Labels.COUNT];
        for (int c = 0; c < Labels.COUNT; c++) {
            fields[c] = new PeriodicGaussianField(
                    Kernels.squaredExponential(length, dims, xi.of(c)).mapped(kernelMap));
        }
    }

    /** L. */
    int length() {
        return length;
    }

    /** 1 or 2. */
    int dims() {
        return dims;
    }

    /** D = L or L^2. */
    int dimension() {
        return dims == 1 ? length : length * length;
    }

    /** The field of class {@code label}. */
    PeriodicGaussianField field(int label) {
        return fields[Labels.check(label)];
    }

    /** The covariance of the field of class {@code label}. */
    StationaryCovariance covariance(int label) {
        return field(label).covariance();
    }

    /**
     * Samples the field of class {@code label} into {@code count} rows from row {@code row}, applies
     * the pointwise {@code transform} (null: none) and then the {@code support} map: the whole
     * sampler of the models that are a transformed Gaussian field (NLGP, its clone, Kur).
     */
    void sampleTransformed(int label, int count, double[] out, int row, RandomGenerator random,
                           PointwiseTransform transform, Support support) {
        int d = dimension();
        field(label).sample(count, out, row, random);
        if (transform != null) {
            transform.applyInPlace(out, row * d, count * d);
        }
        support.apply(out, row * d, count * d);
    }

    /** See {@link PeriodicGaussianField#sample(int, double[], int, RandomGenerator, double[])}. */
    void sample(int label, int count, double[] out, int row, RandomGenerator random, double[] noiseNorms) {
        field(label).sample(count, out, row, random, noiseNorms);
    }
}
