package io.github.dl4jlocalization.theory;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.special.Erf;

import java.util.Arrays;

/**
 * The Monte Carlo amplifier: phi of the empirical law of the values {@code x_1 .. x_N} of
 * sampled class-1 data (the reference code averages over all entries of a batch):
 * <pre>
 *   phi(a)  = (1/N) sum_n x_n erf(c x_n),                            c = a / sqrt(2(1 - a^2))
 *   phi'(a) = (2/sqrt pi) (dc/da) (1/N) sum_n x_n^2 exp(-c^2 x_n^2)
 *   phi(+-1) = +-(1/N) sum_n |x_n|
 * </pre>
 * Each term is even in {@code x_n}, so the values are stored as the distinct |x| with their
 * frequencies: discrete laws (Ising, pulses) cost O(1) per evaluation, continuous ones O(N).
 * For a law symmetric about 0 the estimate is unbiased; its standard error is
 * {@code sd(X erf(cX)) / sqrt(N_eff)} with N_eff the number of independent values.
 */
final class SampleAmplifier implements Amplifier {
    private static final long serialVersionUID = 1L;

    private final double[] magnitudes;
    private final double[] weights;
    private final double meanAbsolute;
    private final String name;

    private SampleAmplifier(double[] values, String name) {
        double[] sorted = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            Require.that(Double.isFinite(values[i]), "sample value", values[i], "finite");
            sorted[i] = Math.abs(values[i]);
        }
        Arrays.sort(sorted);
        double[] m = new double[sorted.length];
        double[] w = new double[sorted.length];
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct > 0 && sorted[i] == m[distinct - 1]) {
                w[distinct - 1]++;
            } else {
                m[distinct] = sorted[i];
                w[distinct++] = 1;
            }
        }
        this.magnitudes = Arrays.copyOf(m, distinct);
        this.weights = Arrays.copyOf(w, distinct);
        double mean = 0;
        for (int j = 0; j < distinct; j++) {
            weights[j] /= sorted.length;
            mean += weights[j] * magnitudes[j];
        }
        this.meanAbsolute = mean;
        this.name = name;
    }

    /** The amplifier of all D values of {@code samples} class-1 samples (see {@link Amplifier#monteCarlo}). */
    static SampleAmplifier draw(DataModel model, int samples, long seed) {
        Require.nonNull("model", model);
        Require.atLeast("samples", samples, 1);
        int d = model.dimension();
        double[] values = new double[Math.multiplyExact(samples, d)];
        int[] filled = {0};
        ClassSampling.forEachBlock(model, 1, samples, seed, (block, rows) -> {
            System.arraycopy(block, 0, values, filled[0], rows * d);
            filled[0] += rows * d;
        });
        return new SampleAmplifier(values, "monteCarlo(" + model.description() + ", samples=" + samples
                + ", seed=" + seed + ")");
    }

    /** Number of distinct |x| values. */
    int distinctMagnitudes() {
        return magnitudes.length;
    }

    @Override
    public double value(double a) {
        AmplifierMath.closedDomain(a);
        if (Math.abs(a) == 1) {
            return Math.copySign(meanAbsolute, a);
        }
        double c = AmplifierMath.erfScale(a);
        double sum = 0;
        for (int j = 0; j < magnitudes.length; j++) {
            sum += weights[j] * magnitudes[j] * Erf.erf(c * magnitudes[j]);
        }
        return sum;
    }

    @Override
    public double derivative(double a) {
        double c = AmplifierMath.erfScale(AmplifierMath.openDomain(a));
        double sum = 0;
        for (int j = 0; j < magnitudes.length; j++) {
            double x = magnitudes[j];
            sum += weights[j] * x * x * Math.exp(-c * c * x * x);
        }
        return AmplifierMath.TWO_OVER_SQRT_PI * AmplifierMath.erfScaleDerivative(a) * sum;
    }

    @Override
    public String toString() {
        return name;
    }
}
