package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.data.RandomStreams;
import io.github.dl4jlocalization.util.Require;

import java.util.random.RandomGenerator;

/**
 * Matches receptive fields of a fully connected network to the filters of a convolutional one
 * (Ingrosso &amp; Goldt 2022: the localized fields of the FCN "match the filters of a
 * convolutional network trained on the same task"; how the paper quantifies the match is
 * UNVERIFIED, this is the project's definition).
 *
 * <p>A field {@code r} has D entries on a ring; a filter {@code f} has {@code w <= D} entries. The
 * filter zero-padded to D and rotated by s sites is {@code g_s[i] = f[(i - s) mod D]} when
 * {@code (i - s) mod D < w}, else 0. The normalised cross-correlation (cosine of the angle) is
 * <pre>
 *   c(f, s) = sum_i r_i g_s[i] / (|r| |f|)     in [-1, 1],
 * </pre>
 * without mean removal (a filter's mean is part of its shape, and a localized field is near zero
 * away from its support). The match score is {@code max_{f, s} |c(f, s)|}, reached with sign
 * {@code sign c}: 1 exactly when r is a positive or negative multiple of a rotated, zero-padded
 * filter. Ties go to the lowest filter index, then the lowest shift.
 *
 * <p>Baseline: the scores of the same fields against banks of random filters of the same size
 * ({@link #baselineScores}), i.i.d. standard normal entries, seeded. Cost: {@code O(D w)} per
 * filter and field.
 */
public final class FilterMatcher {
    private FilterMatcher() {
    }

    /**
     * The best match of {@code field} among {@code filters}, over filters, circular shifts and
     * sign. A zero filter never matches; a zero field, or a bank of zero filters, gives
     * {@link FilterMatch#score()} NaN.
     *
     * @param field   the receptive field, length D >= 1, finite
     * @param filters the bank, at least one filter, each of length 1..D, finite
     */
    public static FilterMatch bestMatch(double[] field, double[][] filters) {
        Vectors.requireFinite("field", field);
        requireBank(filters, field.length);
        double fieldNorm = Math.sqrt(Vectors.sumOfSquares(field));
        int d = field.length;
        double best = -1;
        FilterMatch match = FilterMatch.undefined();
        for (int f = 0; f < filters.length; f++) {
            double[] filter = filters[f];
            double norm = fieldNorm * Math.sqrt(Vectors.sumOfSquares(filter));
            if (norm == 0) {
                continue;
            }
            for (int s = 0; s < d; s++) {
                double dot = 0;
                for (int m = 0; m < filter.length; m++) {
                    int i = s + m;
                    dot += field[i < d ? i : i - d] * filter[m];
                }
                double c = Math.min(1, Math.abs(dot) / norm);
                if (c > best) {
                    best = c;
                    match = new FilterMatch(c, f, s, (int) Math.signum(dot));
                }
            }
        }
        return match;
    }

    /** {@link #bestMatch} of every field: {@code result[k]} is field k's. */
    public static FilterMatch[] bestMatches(double[][] fields, double[][] filters) {
        Require.nonNull("fields", fields);
        FilterMatch[] out = new FilterMatch[fields.length];
        for (int k = 0; k < fields.length; k++) {
            out[k] = bestMatch(Require.nonNull("fields[" + k + "]", fields[k]), filters);
        }
        return out;
    }

    /**
     * A bank of {@code count} random filters of {@code width} i.i.d. N(0, 1) entries, drawn from
     * {@code RandomStreams.of(seed, index)} in row order.
     *
     * @param count >= 1
     * @param width >= 1
     */
    public static double[][] randomFilters(int count, int width, long seed, long index) {
        Require.atLeast("count", count, 1);
        Require.atLeast("width", width, 1);
        RandomGenerator random = RandomStreams.of(seed, index);
        double[][] bank = new double[count][width];
        for (double[] filter : bank) {
            for (int m = 0; m < width; m++) {
                filter[m] = random.nextGaussian();
            }
        }
        return bank;
    }

    /**
     * The null distribution of match scores: for each field k, its {@link #bestMatch} score
     * against its own bank {@link #randomFilters randomFilters(filterCount, width, seed, k)} (so
     * the scores are independent draws given the fields). Compare a trained network's scores with
     * these, using the trained bank's {@code filterCount} and {@code width}.
     */
    public static double[] baselineScores(double[][] fields, int filterCount, int width, long seed) {
        Require.nonNull("fields", fields);
        double[] out = new double[fields.length];
        for (int k = 0; k < fields.length; k++) {
            double[] field = Require.nonNull("fields[" + k + "]", fields[k]);
            Require.that(width <= field.length, "width", width, "at most the field length " + field.length);
            out[k] = bestMatch(field, randomFilters(filterCount, width, seed, k)).score();
        }
        return out;
    }

    private static void requireBank(double[][] filters, int d) {
        Require.nonNull("filters", filters);
        Require.atLeast("filters.length", filters.length, 1);
        for (int f = 0; f < filters.length; f++) {
            Vectors.requireFinite("filters[" + f + "]", filters[f]);
            Require.that(filters[f].length <= d, "filters[" + f + "].length", filters[f].length,
                    "at most the field length " + d);
        }
    }
}
