package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

/**
 * Spatial locality of a unit's surviving input connections on the ring of D input sites (after
 * pruning: which weights are non-zero), as pure functions of the 0/1 pattern {@code kept[i]}:
 * <ul>
 *   <li>{@link #circularSpan}: the length of the shortest arc of consecutive sites (wrapping
 *       around the ring) that contains every kept site, {@code D - } the longest circular run of
 *       removed sites. 1 for a single connection, D for connections spread over the ring, 0 for
 *       none. A local receptive field has a span much smaller than D.</li>
 *   <li>{@link #contiguousRuns}: the number of maximal circular runs of consecutive kept sites.
 *       1 for one contiguous block (also for all D sites), 0 for none. A local, gap-free field
 *       has 1 run; scattered connections have many.</li>
 * </ul>
 * Example on D = 10: kept sites {8, 9, 0, 1} have span 4 and 1 run; {2, 5} have span 4 and
 * 2 runs.
 *
 * <h2>Against randomly placed connections</h2>
 * Pruning alone makes a unit's field look local by some measures: the IPR of n surviving weights
 * is at least 1/n wherever they sit (and unchanged by moving them), and n connections span at
 * most D sites. Locality is therefore judged against the null model of the same number n of
 * connections placed uniformly at random on the ring (every n-subset of the D sites equally
 * likely), with exact expectations:
 * <ul>
 *   <li>{@link #randomSpanMean}: the expected circular span of n random sites;</li>
 *   <li>{@link #pairDisplacements}: the histogram over the circular displacement
 *       {@code delta = min(|i - j|, D - |i - j|)} in {@code 1..floor(D/2)} of every pair of kept
 *       sites (Pellegrini &amp; Biroli's locality measure); under the null every pair of distinct
 *       sites is equally likely whatever n, so its distribution is
 *       {@link #randomDisplacementProbabilities} ({@code 2/(D-1)} per displacement, {@code 1/(D-1)}
 *       at {@code D/2} for even D), with mean {@link #randomDisplacementMean}.</li>
 * </ul>
 */
public final class ConnectionLocality {
    private ConnectionLocality() {
    }

    /** The kept pattern of a weight vector: {@code kept[i] = (w_i != 0)}. */
    public static boolean[] nonZero(double[] w) {
        Require.nonNull("w", w);
        boolean[] kept = new boolean[w.length];
        for (int i = 0; i < w.length; i++) {
            kept[i] = w[i] != 0;
        }
        return kept;
    }

    /** Shortest circular arc covering every kept site, in sites (see the class comment). */
    public static int circularSpan(boolean[] kept) {
        requirePattern(kept);
        int d = kept.length;
        int first = firstKept(kept);
        if (first < 0) {
            return 0;
        }
        // walk once around the ring starting at a kept site: every gap is a run of removed sites
        // between two kept ones (the last gap wraps around to the start)
        int longestGap = 0;
        int gap = 0;
        for (int step = 1; step <= d; step++) {
            if (kept[(first + step) % d]) {
                longestGap = Math.max(longestGap, gap);
                gap = 0;
            } else {
                gap++;
            }
        }
        return d - longestGap;
    }

    /** Number of maximal circular runs of kept sites (see the class comment). */
    public static int contiguousRuns(boolean[] kept) {
        requirePattern(kept);
        int d = kept.length;
        int runs = 0;
        int total = 0;
        for (int i = 0; i < d; i++) {
            if (kept[i]) {
                total++;
                // a run starts at a kept site whose left neighbour (circularly) is removed
                if (!kept[(i + d - 1) % d]) {
                    runs++;
                }
            }
        }
        return total == d ? 1 : runs;
    }

    /**
     * The expected circular span of n distinct sites drawn uniformly at random from a ring of D
     * sites: {@code E[span] = D - E[G]}, G the longest circular run of unkept sites (for n >= 1).
     * Exact: cut the ring at each of the n kept sites; the n gaps {@code g_1..g_n >= 0} between
     * consecutive kept sites sum to {@code S = D - n}, and each (subset, kept site) pair is one
     * (start position, gap sequence) pair, so the gap sequence is uniform over the
     * {@code binom(D - 1, n - 1)} compositions of S into n parts and
     * <pre>
     *   P(G &lt;= m) = #(compositions of S into n parts, each &lt;= m) / binom(D - 1, n - 1)
     *   E[G]     = sum_{m = 0}^{S - 1} (1 - P(G &lt;= m))
     * </pre>
     * The compositions are counted by a dynamic program over the parts (positive terms only, no
     * cancellation; rescaled at every part so that no count overflows), the sum stopped once its
     * terms fall below 1e-17. 0 for n = 0, 1 for n = 1, D for n = D. Cost about {@code S^2 log n}.
     *
     * @param d D >= 1 sites
     * @param n kept sites in [0, D]
     * @return the expected span, in sites
     */
    public static double randomSpanMean(int d, int n) {
        Require.atLeast("d", d, 1);
        Require.inRange("n", n, 0, d);
        if (n <= 1 || n == d) {
            return n;
        }
        int gaps = d - n;
        double expectedGap = 0;
        for (int m = 0; m < gaps; m++) {
            double above = 1 - longestPartAtMost(gaps, n, m);
            if (above < 1e-17) {
                break;
            }
            expectedGap += above;
        }
        return d - expectedGap;
    }

    /** P(every part &lt;= m) for a uniform composition of {@code total} into {@code parts} non-negative parts. */
    private static double longestPartAtMost(int total, int parts, int m) {
        if ((long) m * parts < total) {
            return 0;
        }
        if (m >= total) {
            return 1;
        }
        double[] count = new double[total + 1];
        for (int s = 0; s <= m; s++) {
            count[s] = 1;
        }
        double logScale = 0;
        double[] prefix = new double[total + 2];
        for (int k = 2; k <= parts; k++) {
            for (int s = 0; s <= total; s++) {
                prefix[s + 1] = prefix[s] + count[s];
            }
            double max = 0;
            for (int s = 0; s <= total; s++) {
                count[s] = prefix[s + 1] - prefix[Math.max(0, s - m)];
                max = Math.max(max, count[s]);
            }
            for (int s = 0; s <= total; s++) {
                count[s] /= max;
            }
            logScale += Math.log(max);
        }
        double logCompositions = logFactorial(total + parts - 1) - logFactorial(parts - 1) - logFactorial(total);
        return Math.min(1, Math.exp(Math.log(count[total]) + logScale - logCompositions));
    }

    /**
     * The pair-displacement histogram of a kept pattern: {@code h[delta - 1]} is the number of pairs
     * of kept sites at circular displacement {@code delta} in {@code 1..floor(D/2)} (see the class
     * comment); {@code n(n-1)/2} pairs in all for n kept sites.
     */
    public static long[] pairDisplacements(boolean[] kept) {
        requirePattern(kept);
        int d = kept.length;
        long[] h = new long[d / 2];
        for (int i = 0; i < d; i++) {
            if (kept[i]) {
                for (int j = i + 1; j < d; j++) {
                    if (kept[j]) {
                        int delta = Math.min(j - i, d - (j - i));
                        h[delta - 1]++;
                    }
                }
            }
        }
        return h;
    }

    /**
     * The displacement distribution of two distinct sites drawn at random from a ring of D >= 2
     * sites: {@code p[delta - 1] = 2/(D-1)} for {@code delta < D/2}, {@code 1/(D-1)} for
     * {@code delta = D/2} (even D). The null of {@link #pairDisplacements} for any number of kept
     * sites.
     */
    public static double[] randomDisplacementProbabilities(int d) {
        Require.atLeast("d", d, 2);
        double[] p = new double[d / 2];
        for (int delta = 1; delta <= d / 2; delta++) {
            p[delta - 1] = (2 * delta == d ? 1.0 : 2.0) / (d - 1);
        }
        return p;
    }

    /** The mean of {@link #randomDisplacementProbabilities}: {@code sum_delta delta p(delta)}, in sites. */
    public static double randomDisplacementMean(int d) {
        return meanDisplacement(randomDisplacementProbabilities(d));
    }

    /**
     * The mean displacement {@code sum_delta delta w[delta - 1] / sum w} of a histogram or
     * distribution over displacements {@code 1..}; NaN when it is empty (fewer than two kept sites).
     */
    public static double meanDisplacement(double[] weights) {
        Require.nonNull("weights", weights);
        double total = 0;
        double moment = 0;
        for (int i = 0; i < weights.length; i++) {
            total += weights[i];
            moment += (i + 1) * weights[i];
        }
        return total == 0 ? Double.NaN : moment / total;
    }

    private static double logFactorial(int n) {
        return org.apache.commons.math3.special.Gamma.logGamma(n + 1.0);
    }

    private static int firstKept(boolean[] kept) {
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                return i;
            }
        }
        return -1;
    }

    private static void requirePattern(boolean[] kept) {
        Require.nonNull("kept", kept);
        Require.atLeast("kept.length", kept.length, 1);
    }
}
