package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static io.github.dl4jlocalization.metrics.FilterMatcher.baselineScores;
import static io.github.dl4jlocalization.metrics.FilterMatcher.bestMatch;
import static io.github.dl4jlocalization.metrics.FilterMatcher.bestMatches;
import static io.github.dl4jlocalization.metrics.FilterMatcher.randomFilters;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilterMatcherTest {
    private static final int D = 40;
    private static final int WIDTH = 7;
    /** Float64 round-off of a normalised dot product of 40 terms. */
    private static final double TOL = 1e-13;

    /** {@code scale} times filter f zero-padded to D and rotated by s: {@code g[(s + m) mod D] = f[m]}. */
    private static double[] placed(double[] f, int s, double scale) {
        double[] g = new double[D];
        for (int m = 0; m < f.length; m++) {
            g[(s + m) % D] = scale * f[m];
        }
        return g;
    }

    @Test
    void aShiftedSignFlippedCopyScoresOneAndIsFound() {
        double[][] bank = randomFilters(5, WIDTH, 3, 0);
        for (int s : new int[] {0, 12, 36, D - 1}) {       // 36 and 39 wrap around the ring
            FilterMatch match = bestMatch(placed(bank[2], s, -2.5), bank);
            assertEquals(1, match.score(), TOL);
            assertEquals(new FilterMatch(match.score(), 2, s, -1), match);
            FilterMatch positive = bestMatch(placed(bank[4], s, 0.01), bank);
            assertEquals(4, positive.filter());
            assertEquals(s, positive.shift());
            assertEquals(1, positive.sign());
        }
    }

    @Test
    void scoreIsTheMaximumOfTheCosineOverFiltersShiftsAndSignByBruteForce() {
        SplittableRandom random = new SplittableRandom(8);
        double[][] bank = randomFilters(4, WIDTH, 11, 0);
        for (int trial = 0; trial < 5; trial++) {
            double[] field = new double[D];
            for (int i = 0; i < D; i++) {
                field[i] = random.nextGaussian();
            }
            double best = -1;
            int bestFilter = -1;
            int bestShift = -1;
            for (int f = 0; f < bank.length; f++) {
                for (int s = 0; s < D; s++) {
                    double[] g = placed(bank[f], s, 1);
                    double c = Math.abs(dot(field, g)) / Math.sqrt(dot(field, field) * dot(g, g));
                    if (c > best) {
                        best = c;
                        bestFilter = f;
                        bestShift = s;
                    }
                }
            }
            FilterMatch match = bestMatch(field, bank);
            assertEquals(best, match.score(), TOL);
            assertEquals(bestFilter, match.filter());
            assertEquals(bestShift, match.shift());
            assertEquals(Math.signum(dot(field, placed(bank[bestFilter], bestShift, 1))), match.sign());
            assertTrue(match.score() < 1);
        }
    }

    @Test
    void noisyCopiesScoreBelowOneButAboveTheRandomBaseline() {
        double[][] bank = randomFilters(10, WIDTH, 5, 0);
        SplittableRandom random = new SplittableRandom(2);
        double[][] fields = new double[10][];
        for (int k = 0; k < fields.length; k++) {
            fields[k] = placed(bank[k], 3 * k, k % 2 == 0 ? 1 : -1);
            for (int i = 0; i < D; i++) {
                fields[k][i] += 0.05 * random.nextGaussian();
            }
        }
        FilterMatch[] matches = bestMatches(fields, bank);
        double[] baseline = baselineScores(fields, bank.length, WIDTH, 99);
        double maxBaseline = 0;
        for (double b : baseline) {
            maxBaseline = Math.max(maxBaseline, b);
            assertTrue(b > 0 && b < 1, "baseline " + b);
        }
        for (int k = 0; k < fields.length; k++) {
            assertEquals(k, matches[k].filter());
            assertEquals(3 * k, matches[k].shift());
            assertEquals(k % 2 == 0 ? 1 : -1, matches[k].sign());
            assertTrue(matches[k].score() < 1 && matches[k].score() > maxBaseline,
                    "match " + matches[k] + " against baseline up to " + maxBaseline);
        }
    }

    @Test
    void baselineIsSeededAndUsesOneBankPerField() {
        double[][] fields = {placed(new double[] {1, 2, 3}, 0, 1), placed(new double[] {1, -1}, 5, 1)};
        double[] a = baselineScores(fields, 6, 4, 7);
        assertArrayEquals(a, baselineScores(fields, 6, 4, 7), 0);
        assertNotEquals(a[0], baselineScores(fields, 6, 4, 8)[0]);
        for (int k = 0; k < fields.length; k++) {
            assertEquals(bestMatch(fields[k], randomFilters(6, 4, 7, k)).score(), a[k], 0);
        }
    }

    @Test
    void zeroFieldsAndZeroFiltersAreUndefinedNotErrors() {
        double[][] bank = {new double[WIDTH], {0, 1}};
        FilterMatch zeroField = bestMatch(new double[D], bank);
        assertTrue(Double.isNaN(zeroField.score()));
        assertEquals(-1, zeroField.filter());
        double[] oneHot = new double[D];
        oneHot[0] = 3;
        // the zero filter is skipped; {0, 1} at shift D - 1 puts its 1 on site 0
        assertEquals(new FilterMatch(1, 1, D - 1, 1), bestMatch(oneHot, bank));
        assertTrue(Double.isNaN(bestMatch(oneHot, new double[][] {new double[3]}).score()));
    }

    @Test
    void invalidInputsAreRejectedNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bestMatch(new double[5], new double[][] {new double[6]}));
        assertEquals("filters[0].length must be at most the field length 5, got 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> bestMatch(new double[5], new double[0][]));
        assertEquals("filters.length must be an integer >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> bestMatch(new double[] {1, Double.NaN}, new double[][] {{1}}));
        assertEquals("field[1] must be a finite number, got NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> randomFilters(0, 3, 1, 0));
        assertEquals("count must be an integer >= 1, got 0", e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
