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
