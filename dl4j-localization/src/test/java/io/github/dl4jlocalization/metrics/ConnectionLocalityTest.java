package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.github.dl4jlocalization.metrics.ConnectionLocality.circularSpan;
import static io.github.dl4jlocalization.metrics.ConnectionLocality.contiguousRuns;
import static io.github.dl4jlocalization.metrics.ConnectionLocality.nonZero;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLocalityTest {

    private static boolean[] sites(int d, int... kept) {
        boolean[] pattern = new boolean[d];
        for (int i : kept) {
            pattern[i] = true;
        }
        return pattern;
    }

    @Test
    void documentedExamples() {
        assertEquals(4, circularSpan(sites(10, 8, 9, 0, 1)));
        assertEquals(1, contiguousRuns(sites(10, 8, 9, 0, 1)));
        assertEquals(4, circularSpan(sites(10, 2, 5)));
        assertEquals(2, contiguousRuns(sites(10, 2, 5)));
        assertEquals(1, circularSpan(sites(10, 7)));
        assertEquals(1, contiguousRuns(sites(10, 7)));
        assertEquals(0, circularSpan(sites(10)));
        assertEquals(0, contiguousRuns(sites(10)));
        boolean[] all = sites(10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(10, circularSpan(all));
        assertEquals(1, contiguousRuns(all));
        assertEquals(9, circularSpan(sites(10, 0, 2, 4, 6, 8)));
        assertEquals(5, contiguousRuns(sites(10, 0, 2, 4, 6, 8)));
        assertArrayEquals(new boolean[] {true, false, true}, nonZero(new double[] {-0.1, 0, 3}));
    }

    @Test
    void agreesWithBruteForceOnRandomPatterns() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 500; trial++) {
            int d = 1 + random.nextInt(15);
            boolean[] kept = new boolean[d];
            for (int i = 0; i < d; i++) {
                kept[i] = random.nextDouble() < 0.3;
            }
            assertEquals(bruteSpan(kept), circularSpan(kept));
            assertEquals(bruteRuns(kept), contiguousRuns(kept));
        }
    }

    /** The shortest arc [s, s + L) (mod d) containing every kept site, by trying every start. */
    private static int bruteSpan(boolean[] kept) {
        int d = kept.length;
        int best = Integer.MAX_VALUE;
        boolean any = false;
        for (int s = 0; s < d; s++) {
            int last = -1;
            for (int offset = 0; offset < d; offset++) {
                if (kept[(s + offset) % d]) {
                    last = offset;
                    any = true;
                }
            }
            best = Math.min(best, last + 1);
        }
        return any ? best : 0;
    }

    /** Kept sites minus kept neighbour pairs, on the ring (a full ring is one run). */
    private static int bruteRuns(boolean[] kept) {
        int d = kept.length;
        int sites = 0;
        int links = 0;
        for (int i = 0; i < d; i++) {
            if (kept[i]) {
                sites++;
                if (d > 1 && kept[(i + 1) % d]) {
                    links++;
                }
            }
        }
        return sites == d ? 1 : sites - links;
    }

    @Test
    void emptyPatternsAreRejected() {
        assertEquals("kept.length must be an integer >= 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> circularSpan(new boolean[0])).getMessage());
        assertEquals("kept must be given, got null",
                assertThrows(IllegalArgumentException.class, () -> contiguousRuns(null)).getMessage());
    }

    /** Every n-subset of a small ring, enumerated: the exact mean span and displacement law. */
    @Test
    void randomPlacementNullMatchesEnumeration() {
        for (int d : new int[] {2, 5, 8, 11, 16}) {
            double[] spanSum = new double[d + 1];
            long[] subsets = new long[d + 1];
            long[] pairsAt = new long[d / 2];
            for (int mask = 0; mask < (1 << d); mask++) {
                boolean[] kept = new boolean[d];
                for (int i = 0; i < d; i++) {
                    kept[i] = (mask >> i & 1) == 1;
                }
                int n = Integer.bitCount(mask);
                spanSum[n] += circularSpan(kept);
                subsets[n]++;
                if (n == 2) {
                    long[] h = ConnectionLocality.pairDisplacements(kept);
                    for (int delta = 0; delta < h.length; delta++) {
                        pairsAt[delta] += h[delta];
                    }
                }
            }
            for (int n = 0; n <= d; n++) {
                assertEquals(spanSum[n] / subsets[n], ConnectionLocality.randomSpanMean(d, n), 1e-12,
                        "d=" + d + ", n=" + n);
            }
            double[] p = ConnectionLocality.randomDisplacementProbabilities(d);
            for (int delta = 0; delta < p.length; delta++) {
                assertEquals((double) pairsAt[delta] / subsets[2], p[delta], 1e-15, "d=" + d + ", delta=" + (delta + 1));
            }
        }
    }

    @Test
    void pairDisplacementsCountEveryPairOnce() {
        // {0, 1, 9} on D = 10: pairs (0,1) at 1, (9,0) at 1, (1,9) at 2
        assertArrayEquals(new long[] {2, 1, 0, 0, 0}, ConnectionLocality.pairDisplacements(sites(10, 0, 1, 9)));
        assertEquals(4.0 / 3, ConnectionLocality.meanDisplacement(new double[] {2, 1, 0, 0, 0}), 1e-15);
        assertEquals(Double.NaN, ConnectionLocality.meanDisplacement(new double[5]));
        // D = 40: 2/39 per displacement 1..19, 1/39 at 20; mean (2 * 190 + 20) / 39
        assertEquals(400.0 / 39, ConnectionLocality.randomDisplacementMean(40), 1e-12);
    }

    @Test
    void randomSpanOfLargeRingsStaysFiniteAndOrdered() {
        // no overflow at D = 3072 (ImageNet32's inputs); the span grows with n towards D
        double previous = 0;
        for (int n : new int[] {1, 2, 10, 100, 1000, 3000, 3072}) {
            double span = ConnectionLocality.randomSpanMean(3072, n);
            assertTrue(span >= previous && span <= 3072, "n=" + n + ": " + span);
            previous = span;
        }
        // two random sites: span = 1 + displacement, mean 1 + E[delta]; the sum runs over about 3000
        // probabilities, each exact to a few hundred ulps of its log-space scaling: 1e-8 absolute
        assertEquals(1 + ConnectionLocality.randomDisplacementMean(3072), ConnectionLocality.randomSpanMean(3072, 2),
                1e-8);
        assertThrows(IllegalArgumentException.class, () -> ConnectionLocality.randomSpanMean(10, 11));
    }
}
