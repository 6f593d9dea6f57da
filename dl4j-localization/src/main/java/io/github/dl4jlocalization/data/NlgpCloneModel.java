package io.github.dl4jlocalization.data;


import java.util.Optional;
import java.util.OptionalDouble;
import java.util.random.RandomGenerator;

/**
 * The Gaussian clone of NLGP(g) ({@code NLGPGaussianCloneDataset} of the reference code): a
 * Gaussian field whose covariance is exactly that of {@link NlgpModel NLGP(g)},
 * <pre>  x ~ N(0, Sigma),   Sigma_ij = (2 / (pi Z(g)^2)) arcsin((2g^2/(1+2g^2)) C_xi(i,j))</pre>
 * (see {@link NlgpModel#correlation}), so it has the same second-order statistics as NLGP(g) and
 * no higher-order structure: marginal excess kurtosis 0. Sigma is a covariance because
 * {@code arcsin} has a power series with non-negative coefficients and Hadamard powers of a
 * covariance are covariances (Schur product theorem).
 *
 * <p>Sampling: {@link PeriodicGaussianField} over Sigma, then the {@link Support} map.
 */
public final class NlgpCloneModel extends FieldModel {
    private static final long serialVersionUID = 1L;

    /** The Gaussian clone of NLGP as config files and flags know it; its parameter is NLGP's {@link NlgpModel#GAIN}. */
    public static final DataModelType TYPE = DataModelType.builder("nlgp-clone",
            c -> new NlgpCloneModel(c.get(NlgpModel.GAIN), c.xi(), c.length(), c.dim(), c.support()))
            .parameter(NlgpModel.GAIN).build();

    private final double gain;

    /**
     * @param gain    g > 0 of the NLGP being cloned
     * @param xi      correlation lengths (pixels) of class 0 and class 1
     * @param length  L >= 2
     * @param dims    1 (D = L) or 2 (D = L^2)
     * @param support output support adjustment, {@link Support#SYMMETRIC} in the papers
     */
    public NlgpCloneModel(double gain, ClassPair xi, int length, int dims, Support support) {
        super(xi, length, dims, support, c -> NlgpModel.correlation(gain, c));
        this.gain = NlgpModel.GAIN.check(gain);
    }

    @Override
    public String name() {
        return TYPE.name();
    }

    /** The gain g of the cloned NLGP. */
    public double gain() {
        return gain;
    }

    @Override
    public void sample(int label, int count, double[] out, int row, RandomGenerator random) {
        fields.sampleTransformed(label, count, out, row, random, null, support());
    }

    @Override
    public Optional<StationaryCovariance> covariance(int label) {
        return Optional.of(fields.covariance(label).scaled(supportVariance()));
    }

    @Override
    public OptionalDouble marginalExcessKurtosis(int label) {
        Labels.check(label);
        return OptionalDouble.of(0);
    }

    /** Gaussian values: a linear phi. */
    @Override
    public Optional<ClassOneMarginal> classOneMarginal() {
        return Optional.of(new ClassOneMarginal.Gaussian(support()));
    }

    @Override
    String family() {
        return "NLGP-clone";
    }

    @Override
    String parameters() {
        return "g=" + gain;
    }
}
