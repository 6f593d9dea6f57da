package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Gamma;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Elliptical laws ({@code localization/datasets/elliptical.py} and {@code multi_t.py} of the
 * reference code), the control data that does not localize:
 * <pre>
 *   x = sqrt(D / E[r^2]) r Lambda u,   Lambda Lambda^T = C_xi,   u uniform on the unit sphere of R^D
 * </pre>
 * with r independent of u, drawn from a {@link RadialLaw}. Since {@code E[u u^T] = I/D},
 * {@code Cov(x) = C_xi} exactly (unit variance): the factor {@code sqrt(D/E[r^2])} is computed
 * from the law's exact second moment, whereas the reference divides by a standard deviation
 * estimated from 100,000 samples. The marginal excess kurtosis is
 * {@link RadialLaw#excessKurtosis(int) (E[r^4]/E[r^2]^2) 3D/(D+2) - 3}.
 *
 * <p>Sampling: {@link PeriodicGaussianField} draws {@code z = Lambda eps} and reports
 * {@code ||eps||}; {@code z/||eps|| = Lambda u} with {@code u = eps/||eps||} uniform and
 * independent of {@code ||eps||}; each row is scaled by its radius, then the {@link Support} map.
 */
public final class EllipticalModel extends FieldModel {
    private static final long serialVersionUID = 1L;

    /** The radial law: {@code shell}, {@code extreme} (default) or {@code t}. */
    public static final Parameter<String> RADIAL = Parameter.text("radial").label("NAME").defaultValue("extreme")
            .range(Range.oneOf("radial law", () -> RadialLaw.NAMES)).help("Radial law");
    /** The Student-t degrees of freedom > 2 of the radial law {@code t} (default 3). */
    public static final Parameter<Double> DF = Parameter.real("df").range(Range.greaterThan(2)).defaultValue(3.0)
            .label("NU").help("Student-t degrees of freedom of the radial law t");
    /** The elliptical laws as config files and flags know them. */
    public static final DataModelType TYPE = DataModelType.builder("elliptical",
                    c -> new EllipticalModel(RadialLaw.parse(c.get(RADIAL), c.get(DF)), c.xi(), c.length(), c.dim(),
                            c.support()))
            .parameter(RADIAL).parameter(DF, c -> c.get(RADIAL).equals("t")).build();

    private final RadialLaw radial;
    /** sqrt(D / E[r^2]). */
    private final double normaliser;

    /**
     * @param radial  the radial law
     * @param xi      correlation lengths (pixels) of class 0 and class 1
     * @param length  L >= 2
     * @param dims    1 (D = L) or 2 (D = L^2)
     * @param support output support adjustment, {@link Support#SYMMETRIC} in the papers
     */
    public EllipticalModel(RadialLaw radial, ClassPair xi, int length, int dims, Support support) {
        super(xi, length, dims, support, DoubleUnaryOperator.identity());
        this.radial = Require.nonNull("radial law", radial);
        this.normaliser = Math.sqrt(dimension() / radial.secondMoment(dimension()));
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /** Elliptically symmetric with {@link #meanAbsoluteValue() E|X|}: phi is exactly linear. */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.of(new ClassOneMarginal.Elliptical(meanAbsoluteValue(), support()));
    }

    /** The radial law. */
    public RadialLaw radial() {
        return radial;
    }

    /**
     * {@code E|x_i|} of the canonical output (before the {@link Support} map): with a unit-norm row
     * of Lambda, {@code (Lambda u)_i} has the law of {@code u_1}, so
     * <pre>  E|x_i| = sqrt(D / E[r^2]) E[r] E|u_1|,   E|u_1| = Gamma(D/2) / (sqrt(pi) Gamma((D+1)/2))</pre>
     * ({@code sqrt(2/pi)} for the Gaussian radius {@code r ~ chi_D}). It is the slope of the
     * exactly linear localization amplifier of elliptical data (see the theory package).
     */
    public double meanAbsoluteValue() {
        int d = dimension();
        double meanAbsCoordinate = Math.exp(Gamma.logGamma(d / 2.0) - Gamma.logGamma((d + 1) / 2.0)) / Math.sqrt(Math.PI);
        return normaliser * radial.firstMoment(d) * meanAbsCoordinate;
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        int d = dimension();
        double[] norms = new double[count];
        fields.sample(label, count, out, row, random, norms);
        for (int s = 0; s < count; s++) {
            double factor = radial.sample(d, norms[s], random) * normaliser / norms[s];
            for (int i = (row + s) * d, end = i + d; i < end; i++) {
                out[i] *= factor;
            }
        }
        support().apply(out, row * d, count * d);
    }

    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        return Optional.of(fields.covariance(label).scaled(supportVariance()));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(radial.excessKurtosis(dimension()));
    }

    @Override
    String family() {
        return "Elliptical";
    }

    @Override
    String parameters() {
        return "radial=" + radial;
    }
}
