package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.util.function.DoubleUnaryOperator;

/**
 * The part shared by the data models built on a pair of periodic Gaussian fields over the
 * squared-exponential kernel C_xi ({@link ClassFields}): NLGP, its Gaussian clone, Kur(k) and the
 * elliptical laws. It holds the geometry (xi, L, dim) and the output {@link Support} map; each
 * subclass says how a field sample becomes an input ({@link #sample}), its covariance and
 * kurtosis. Immutable and thread-safe.
 */
public abstract class FieldModel implements DataModel {
    private static final long serialVersionUID = 1L;

    private final ClassPair xi;
    private final Support support;
    /** The two class fields. */
    final ClassFields fields;

    /**
     * @param xi        correlation lengths (pixels) of class 0 and class 1
     * @param length    L >= 2
     * @param dims      1 (D = L) or 2 (D = L^2)
     * @param support   output support adjustment, {@link Support#SYMMETRIC} in the papers
     * @param kernelMap applied entry-wise to C_xi to give each field's covariance (see {@link ClassFields})
     */
    FieldModel(ClassPair xi, int length, int dims, Support support, DoubleUnaryOperator kernelMap) {
        this.xi = Require.nonNull("xi", xi);
        this.fields = new ClassFields(xi, length, dims, kernelMap);
        this.support = Require.nonNull("support", support);
    }

    @Override
    public final int dimension() {
        return fields.dimension();
    }

    /** The class correlation lengths. */
    public final ClassPair xi() {
        return xi;
    }

    /** The output support adjustment. */
    public final Support support() {
        return support;
    }

    /** The factor {@code scale^2} by which the {@link Support} map multiplies covariances. */
    final double supportVariance() {
        return support.scale() * support.scale();
    }

    /** The family's name in {@link #description()}, e.g. {@code NLGP}. */
    abstract String family();

    /** The family's own parameters in {@link #description()}, e.g. {@code g=3.0}. */
    abstract String parameters();

    @Override
    public final String description() {
        return family() + "(" + parameters() + ", xi=" + xi + ", L=" + fields.length() + ", dim=" + fields.dims()
                + ", support=" + support + ")";
    }

    @Override
    public final String toString() {
        return description();
    }
}
