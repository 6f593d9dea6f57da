package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.github.dl4jlocalization.metrics.ConnectionLocality.circularSpan;
import static io.github.dl4jlocalization.metrics.ConnectionLocality.contiguousRuns;
import static io.github.dl4jlocalization.metrics.ConnectionLocality.nonZero;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
