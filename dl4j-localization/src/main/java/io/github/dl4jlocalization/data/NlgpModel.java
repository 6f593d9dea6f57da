package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.config.Parameter;
import io.github.dl4jlocalization.config.Range;
import io.github.dl4jlocalization.math.PointwiseTransform;
import io.github.dl4jlocalization.math.Quadrature;
import io.github.dl4jlocalization.math.TabulatedTransform;
import org.apache.commons.math3.special.Erf;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * NLGP(g), the nonlinear Gaussian process of Ingrosso &amp; Goldt (2022) as implemented by Lufkin,
 * Saxe &amp; Grant (2024) ({@code NonlinearGPDataset}):
 * <pre>
 *   z   ~ N(0, C_xi),   C_xi(i,j) = exp(-d(i,j)^2 / xi^2)      (periodic; 2-D: C_xi ⊗ C_xi)
 *   x_i = erf(g z_i) / Z(g),   Z(g) = sqrt((2/pi) arcsin(2 g^2 / (1 + 2 g^2)))
 * </pre>
 * so every input value has unit variance. Its exact covariance is
 * {@code Sigma_ij = (2 / (pi Z(g)^2)) arcsin((2g^2/(1+2g^2)) C_xi(i,j))} and its marginal excess
 * kurtosis {@code E[erf(g z)^4]/Z(g)^4 - 3} (computed by quadrature) falls monotonically from 0
 * (g -&gt; 0, Gaussian) to -2 (g -&gt; infinity, {@code x = sign(z)}); e.g. -1.834 at g = 3.
 * The gain convention is {@code erf(g z)}, that of the reference figure code (not
 * {@code erf(g z / sqrt 2)}).
 *
 * <p>Sampling: {@link PeriodicGaussianField} for z, then the tabulated {@code erf(g z)/Z(g)}
 * ({@link TabulatedTransform}, exact to about 1e-12), then the {@link Support} map.
 */
public final class NlgpModel extends FieldModel {
    private static final long serialVersionUID = 1L;

    /**
     * The largest gain, {@code sqrt(Double.MAX_VALUE / 2)}, about 9.5e153: {@code 2 g^2} in
     * {@link #normalizer Z(g)} and {@code g^2} in the tabulated transform must be finite doubles.
     * Far below it, from g of about 1e6 on, {@code erf(g z)} is the sign of z to double precision
     * on all but a negligible fraction of samples.
     */
    public static final double MAX_GAIN = Math.sqrt(Double.MAX_VALUE / 2);
    /** The gain g of {@code erf(g z)}, in (0, {@link #MAX_GAIN}] (default 3); NLGP's parameter, and its clone's. */
    public static final Parameter<Double> GAIN = Parameter.real("gain").range(Range.positiveAtMost(MAX_GAIN))
            .defaultValue(3.0)
            .label("G").help("Gain g of erf(g z)");
    /** NLGP as config files and flags know it. */
    public static final DataModelType TYPE = DataModelType.builder("nlgp",
            c -> new NlgpModel(c.get(GAIN), c.xi(), c.length(), c.dim(), c.support())).parameter(GAIN).build();

    private final double gain;
    private final PointwiseTransform transform;

    /**
     * @param gain    g > 0
     * @param xi      correlation lengths (pixels) of class 0 and class 1
     * @param length  L >= 2
     * @param dims    1 (D = L) or 2 (D = L^2)
     * @param support output support adjustment, {@link Support#SYMMETRIC} in the papers
     */
    public NlgpModel(double gain, ClassPair xi, int length, int dims, Support support) {
        super(xi, length, dims, support, DoubleUnaryOperator.identity());
        this.gain = GAIN.check(gain);
        this.transform = marginalTransform(gain);
    }

    /** NLGP(g) on a 1-D ring with the papers' support (-1, 1). */
    public NlgpModel(double gain, ClassPair xi, int length) {
        this(gain, xi, length, 1, Support.SYMMETRIC);
    }

    /** {@code Z(g) = sqrt((2/pi) arcsin(2g^2/(1+2g^2)))}, the standard deviation of erf(g z). */
    public static double normalizer(double gain) {
        GAIN.check(gain);
        return Math.sqrt(2 / Math.PI * Math.asin(rho(gain)));
    }

    /** The exact NLGP correlation of two sites whose Gaussian correlation is {@code c}. */
    public static double correlation(double gain, double c) {
        return 2 / (Math.PI * normalizer(gain) * normalizer(gain)) * Math.asin(rho(gain) * c);
    }

    /** The exact marginal excess kurtosis {@code E[erf(g z)^4]/Z(g)^4 - 3}, by quadrature. */
    public static double excessKurtosis(double gain) {
        GAIN.check(gain);
        double z2 = normalizer(gain) * normalizer(gain);
        // integrand even in z: 2 * int_0^inf erf(g z)^4 phi(z) dz, split where erf saturates
        double knee = Math.min(9, 6 / gain);
        java.util.function.DoubleUnaryOperator f = z -> {
            double e = Erf.erf(gain * z);
            double e2 = e * e;
            return e2 * e2 * Math.exp(-0.5 * z * z);
        };
        double integral = Quadrature.integrate(f, 0, knee, 1e-13);
        if (knee < 9) {
            integral += Quadrature.integrate(f, knee, 12, 1e-13);
        }
        double fourth = 2 * integral / Math.sqrt(2 * Math.PI);
        return fourth / (z2 * z2) - 3;
    }

    private static double rho(double gain) {
        return 2 * gain * gain / (1 + 2 * gain * gain);
    }

    /**
     * The marginal transform {@code z -> erf(g z)/Z(g)} of a standard normal z, tabulated as used
     * by the sampler (exact to about 1e-12); e.g. for integrals over the marginal law.
     */
    public static PointwiseTransform marginalTransform(double gain) {
        double z = normalizer(gain);
        double slope = 2 * gain / Math.sqrt(Math.PI) / z;
        // erf(g z) is 1 to double precision for |g z| > 6: tabulate where it still varies
        double half = Math.min(9, 6.5 / gain);
        return new TabulatedTransform(v -> Math.abs(gain * v) >= 6.5 ? Math.copySign(1 / z, v) : Erf.erf(gain * v) / z,
                v -> slope * Math.exp(-gain * gain * v * v), -half, half, TabulatedTransform.DEFAULT_CELLS);
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /** The gain g. */
    public double gain() {
        return gain;
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        fields.sampleTransformed(label, count, out, row, random, transform, support());
    }

    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        double variance = supportVariance();
        return Optional.of(fields.covariance(label).mapped(c -> correlation(gain, c) * variance));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(excessKurtosis(gain));
    }

    /** {@code erf(g z)/Z(g)}: phi by quadrature over z. */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.of(new ClassOneMarginal.Transformed(transform, "nlgp(g=" + gain + ")", support()));
    }

    @Override
    String family() {
        return "NLGP";
    }

    @Override
    String parameters() {
        return "g=" + gain;
    }
}
