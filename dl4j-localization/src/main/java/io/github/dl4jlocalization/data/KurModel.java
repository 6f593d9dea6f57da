package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.util.Require;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Kur(k) and its relatives: the Gaussian copula (NORTA) model of the reference code
 * ({@code NortaDataset}):
 * <pre>
 *   z   ~ N(0, C_xi),   C_xi(i,j) = exp(-d(i,j)^2 / xi^2)      (periodic; 2-D: C_xi ⊗ C_xi)
 *   x_i = Q(Phi(z_i))                                           (unit variance)
 * </pre>
 * with the quantile Q of a {@link Marginal}; Kur(k) is {@code Marginal.algebraic(k)}, whose
 * excess kurtosis changes sign between k = 6.0 and 6.1 and diverges as k -&gt; 4+.
 *
 * <p>The copula changes the covariance: it is {@code rho(C_xi)} with the marginal's copula
 * correlation rho, known in closed form for the gaussian (identity), uniform
 * ({@code (6/pi) arcsin(c/2)}) and binary ({@code (2/pi) arcsin(c)}) marginals; for the algebraic
 * and Laplace marginals {@link #covariance} is empty (no closed form; the reference does not
 * correct or invert the copula either).
 *
 * <p>Sampling: {@link PeriodicGaussianField} for z, the marginal's transform (tabulated where
 * special functions are involved), then the {@link Support} map.
 */
public final class KurModel extends FieldModel {
    private static final long serialVersionUID = 1L;

    /** The marginal law: {@code algebraic} (default), {@code gaussian}, {@code uniform}, {@code laplace}, {@code binary}. */
    public static final Parameter<String> MARGINAL = Parameter.text("marginal").label("NAME").defaultValue("algebraic")
            .range(Range.oneOf("marginal", () -> Marginal.NAMES)).help("Marginal law");
    /** The algebraic-sigmoid exponent k > 2 (default 5; the kurtosis is finite for k > 4). */
    public static final Parameter<Double> K = Parameter.real("k").range(Range.greaterThan(2)).defaultValue(5.0)
            .label("K").help("Algebraic-sigmoid exponent k; the kurtosis is finite for k > 4");
    /** Kur as config files and flags know it. */
    public static final DataModelType TYPE = DataModelType.builder("kur",
                    c -> new KurModel(Marginal.parse(c.get(MARGINAL), c.get(K)), c.xi(), c.length(), c.dim(), c.support()))
            .parameter(MARGINAL).parameter(K, c -> c.get(MARGINAL).equals("algebraic")).build();

    private final Marginal marginal;
    private final PointwiseTransform transform;

    /**
     * @param marginal the marginal law of every input value
     * @param xi       correlation lengths (pixels) of class 0 and class 1
     * @param length   L >= 2
     * @param dims     1 (D = L) or 2 (D = L^2)
     * @param support  output support adjustment, {@link Support#SYMMETRIC} in the papers
     */
    public KurModel(Marginal marginal, ClassPair xi, int length, int dims, Support support) {
        super(xi, length, dims, support, DoubleUnaryOperator.identity());
        this.marginal = Require.nonNull("marginal", marginal);
        this.transform = marginal.transform();
    }

    /** Kur(k): the algebraic marginal on a 1-D ring with the papers' support (-1, 1). */
    public KurModel(double k, ClassPair xi, int length) {
        this(Marginal.algebraic(k), xi, length, 1, Support.SYMMETRIC);
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /** The marginal law. */
    public Marginal marginal() {
        return marginal;
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        fields.sampleTransformed(label, count, out, row, random, transform, support());
    }

    /** {@code rho(C_xi) * scale^2} where the marginal's copula correlation rho is known. */
    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        StationaryCovariance gaussian = fields.covariance(label);
        double variance = supportVariance();
        return marginal.correlationMap().map(rho -> gaussian.mapped(c -> rho.applyAsDouble(c) * variance));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(marginal.excessKurtosis());
    }

    /** The marginal's: Gaussian and binary in closed form, the others {@code X = T(z)} by quadrature. */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        if (marginal instanceof Marginal.Gaussian) {
            return Optional.of(new ClassOneMarginal.Gaussian(support()));
        }
        if (marginal instanceof Marginal.Binary) {
            return Optional.of(new ClassOneMarginal.Binary(support()));
        }
        return Optional.of(new ClassOneMarginal.Transformed(transform, marginal.toString(), support()));
    }

    @Override
    String family() {
        return "Kur";
    }

    @Override
    String parameters() {
        return "marginal=" + marginal;
    }
}
