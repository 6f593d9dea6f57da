package io.github.dl4jlocalization.bench;

import io.github.dl4jlocalization.data.ClassPair;
import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.data.Kernels;
import io.github.dl4jlocalization.data.Labels;
import io.github.dl4jlocalization.data.PeriodicGaussianField;
import io.github.dl4jlocalization.data.StationaryCovariance;
import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.TabulatedTransform;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Erf;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * A benchmark stand-in with the sampling pipeline of Kur(k) (science spec 2.3): a squared-
 * exponential Gaussian field per class, then the tabulated Gaussian-copula marginal
 * <pre>  x = u / (1 - |u|^k)^(1/k) / s_k,   u = 2 Phi(z) - 1 = erf(z / sqrt 2),   s_k^2 = B(3/k, 1 - 2/k) / k</pre>
 * so its cost is that of the real model (field, then one {@link TabulatedTransform} look-up per
 * value). It reports no exact statistics: use the real Kur model for science.
 */
final class AlgebraicCopulaModel implements DataModel {
    private static final long serialVersionUID = 1L;
    /** |z| beyond which 1 - |u| < 1e-17: the table covers every draw in practice. */
    private static final double RANGE = 8.5;

    private final double k;
    private final ClassPair xi;
    private final PeriodicGaussianField[] fields;
    private final PointwiseTransform transform;

    /**
     * @param k      tail exponent, > 2 (finite variance)
     * @param xi     correlation lengths of the two classes
     * @param length L
     * @param dims   1 or 2
     */
    AlgebraicCopulaModel(double k, ClassPair xi, int length, int dims) {
        this.k = Require.greaterThan("k", k, 2);
        this.xi = Require.nonNull("xi", xi);
        this.fields = new PeriodicGaussianField[Labels.COUNT];
        for (int c = 0; c < Labels.COUNT; c++) {
            fields[c] = new PeriodicGaussianField(Kernels.squaredExponential(length, dims, c == 0 ? xi.label0()
                    : xi.label1()));
        }
        double sd = Math.sqrt(Math.exp(Beta.logBeta(3 / k, 1 - 2 / k)) / k);
        // 1 - |u| = erfc(|z|/sqrt 2) and 1 - |u|^k = -expm1(k log1p(-erfc)), both without cancellation
        PointwiseTransform exact = z -> {
            double tail = Erf.erfc(Math.abs(z) / Math.sqrt(2));
            double denominator = Math.pow(-Math.expm1(k * Math.log1p(-tail)), 1 / k);
            return Math.copySign((1 - tail) / denominator, z) / sd;
        };
        this.transform = new TabulatedTransform(exact, z -> {
            double tail = Erf.erfc(Math.abs(z) / Math.sqrt(2));
            double inner = -Math.expm1(k * Math.log1p(-tail));
            return Math.sqrt(2 / Math.PI) * Math.exp(-0.5 * z * z) * Math.pow(inner, -(k + 1) / k) / sd;
        }, -RANGE, RANGE, TabulatedTransform.DEFAULT_CELLS);
    }

    @Override
    public String name() {
        return "kur-like";
    }

    @Override
    public int dimension() {
        return fields[0].dimension();
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        int d = dimension();
        fields[Labels.check(label)].sample(count, out, row, random);
        transform.applyInPlace(out, row * d, count * d);
    }

    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        Labels.check(label);
        return Optional.empty();
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.empty();
    }

    @Override
    public String description() {
        StationaryCovariance c = fields[0].covariance();
        return "Kur-like algebraic copula(k=" + k + ", xi=" + xi + ", L=" + c.length() + ", dim=" + c.dims() + ")";
    }

    @Override
    public String toString() {
        return description();
    }
}
