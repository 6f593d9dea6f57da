package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The best match of a receptive field among a bank of filters (see {@link FilterMatcher}): the
 * field {@code r} (length D) is closest in angle to {@code sign} times filter {@code filter},
 * zero-padded to D and rotated by {@code shift} sites, with normalised cross-correlation
 * {@code score}.
 *
 * @param score  the largest |normalised cross-correlation|, in [0, 1] (NaN when undefined: a zero
 *               field or a bank of zero filters)
 * @param filter index of the best filter in the bank (-1 when the score is NaN)
 * @param shift  the rotation s in [0, D) of the best filter
 * @param sign   +1 or -1: the sign of the correlation at the best match (0 when the score is NaN
 *               or 0)
 */
public record FilterMatch(double score, int filter, int shift, int sign) implements Serializable {

    /** Validates the ranges. */
    public FilterMatch {
        Require.that(Double.isNaN(score) || (score >= 0 && score <= 1), "score", score,
                "NaN or a number in [0, 1]");
        Require.atLeast("filter", filter, -1);
        Require.atLeast("shift", shift, 0);
        Require.inRange("sign", sign, -1, 1);
    }

    /** No match: a zero field, or only zero filters. */
    static FilterMatch undefined() {
        return new FilterMatch(Double.NaN, -1, 0, 0);
    }
}
