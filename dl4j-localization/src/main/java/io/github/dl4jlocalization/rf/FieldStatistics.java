package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.metrics.CircularPosition;
import io.github.dl4jlocalization.metrics.LinearPosition;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How localized a field f over the input sites is (a receptive field, an effective receptive
 * field), from its mass {@code m_i = f_i^2 / sum_j f_j^2} on each site i:
 * <ul>
 *   <li>{@code ipr = sum_i m_i^2 = sum_i f_i^4 / (sum_i f_i^2)^2}, the project's inverse
 *       participation ratio ({@link LocalizationMetrics#ipr}): 1 on one site, 1/D spread evenly;</li>
 *   <li>{@code width}: the fewest sites holding the fraction q of the mass (the sites with the
 *       largest mass first);</li>
 *   <li>{@code centre[a]}, {@code spread[a]}: along input axis a, the mean and standard deviation
 *       of the position under the mass summed over the other axes, in sites; circular statistics
 *       ({@link LocalizationMetrics#circularPosition}) on a ring, linear ones
 *       ({@link LocalizationMetrics#linearPosition}) otherwise;</li>
 *   <li>{@code secondMomentWidth = sqrt(sum_a spread[a]^2)}, in sites.</li>
 * </ul>
 * For the zero field (a unit no input reaches) the IPR, centre and spreads are NaN and the width 0.
 *
 * @param ipr               in [1/D, 1], or NaN
 * @param massFraction      q, in (0, 1]
 * @param width             sites holding q of the mass, in [1, D], or 0
 * @param secondMomentWidth in sites, >= 0, or NaN
 * @param centre            per axis, in sites, or NaN
 * @param spread            per axis, in sites, >= 0, or NaN
 */
public record FieldStatistics(double ipr, double massFraction, int width, double secondMomentWidth, double[] centre,
                              double[] spread) implements Serializable {
    /** The default mass fraction of {@link #width}. */
    public static final double DEFAULT_MASS_FRACTION = 0.9;

    /** Validates and copies. */
    public FieldStatistics {
        Require.that(massFraction > 0 && massFraction <= 1, "massFraction", massFraction, "a fraction in (0, 1]");
        Require.atLeast("width", width, 0);
        centre = Require.nonNull("centre", centre).clone();
        spread = Require.nonNull("spread", spread).clone();
        Require.that(centre.length == spread.length, "spread", spread.length + " axes", centre.length + " axes");
    }

    /**
     * The statistics of {@code field} (finite, row-major over the axes of {@code shape}; rings
     * where {@code periodic}) with the width at mass fraction q.
     */
    public static FieldStatistics of(double[] field, long[] shape, boolean[] periodic, double massFraction) {
        Require.nonNull("field", field);
        Require.that(shape.length == periodic.length, "periodic", periodic.length + " axes", shape.length + " axes");
        Require.that(field.length == Arrays.stream(shape).reduce(1, (x, y) -> x * y), "field length", field.length,
                "the number of sites " + Arrays.toString(shape));
        double ipr = LocalizationMetrics.ipr(field);
        double total = 0;
        for (double f : field) {
            total += f * f;
        }
        double[] centre = new double[shape.length];
        double[] spread = new double[shape.length];
        if (total == 0) {
            Arrays.fill(centre, Double.NaN);
            Arrays.fill(spread, Double.NaN);
            return new FieldStatistics(ipr, massFraction, 0, Double.NaN, centre, spread);
        }
        double[] mass = new double[field.length];
        for (int i = 0; i < mass.length; i++) {
            mass[i] = field[i] * field[i] / total;
        }
        double variance = 0;
        for (int a = 0; a < shape.length; a++) {
            double[] amplitude = marginalAmplitude(mass, shape, a);
            if (periodic[a]) {
                CircularPosition p = LocalizationMetrics.circularPosition(amplitude);
                centre[a] = p.mean();
                spread[a] = p.standardDeviation();
            } else {
                LinearPosition p = LocalizationMetrics.linearPosition(amplitude);
                centre[a] = p.mean();
                spread[a] = p.standardDeviation();
            }
            variance += spread[a] * spread[a];
        }
        return new FieldStatistics(ipr, massFraction, width(mass, massFraction), Math.sqrt(variance), centre, spread);
    }

    /** The fewest sites whose mass adds up to q (up to rounding: a relative 1e-12 of slack). */
    private static int width(double[] mass, double q) {
        double[] sorted = mass.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int n = 0;
        for (int i = sorted.length - 1; i >= 0 && sum < q * (1 - 1e-12); i--) {
            sum += sorted[i];
            n++;
        }
        return n;
    }

    /** The square root of the mass summed over every axis but {@code axis}: an amplitude squaring to that mass. */
    private static double[] marginalAmplitude(double[] mass, long[] shape, int axis) {
        int length = (int) shape[axis];
        int inner = 1;
        for (int a = axis + 1; a < shape.length; a++) {
            inner *= (int) shape[a];
        }
        double[] marginal = new double[length];
        for (int i = 0; i < mass.length; i++) {
            marginal[(i / inner) % length] += mass[i];
        }
        for (int x = 0; x < length; x++) {
            marginal[x] = Math.sqrt(marginal[x]);
        }
        return marginal;
    }

    @Override
    public double[] centre() {
        return centre.clone();
    }

    @Override
    public double[] spread() {
        return spread.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldStatistics s && Double.compare(ipr, s.ipr) == 0
                && Double.compare(massFraction, s.massFraction) == 0 && width == s.width
                && Double.compare(secondMomentWidth, s.secondMomentWidth) == 0 && Arrays.equals(centre, s.centre)
                && Arrays.equals(spread, s.spread);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Double.hashCode(ipr) + width) + Arrays.hashCode(centre);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "IPR %.4f, %d sites hold %.0f%% of the mass, second-moment width "
                + "%.2f, centre %s", ipr, width, 100 * massFraction, secondMomentWidth, Arrays.toString(centre));
    }
}
