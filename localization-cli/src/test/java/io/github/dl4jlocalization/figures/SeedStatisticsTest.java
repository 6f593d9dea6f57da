package io.github.dl4jlocalization.figures;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedStatisticsTest {
    @Test
    void populationMeanAndStdLeavingOutNaN() {
        SeedStatistics s = SeedStatistics.of(new double[] {1, Double.NaN, 2, 3, 6});
        assertEquals(4, s.count());
        assertEquals(3, s.mean(), 1e-15);
        // deviations -2, -1, 0, 3: squares sum 14, over n = 4 (ddof 0, numpy's nanstd)
        assertEquals(Math.sqrt(14.0 / 4), s.std(), 1e-15);
    }

    @Test
    void oneValueHasNoSpreadAndNoneHasNoNumbers() {
        assertEquals(new SeedStatistics(1, 0.5, 0), SeedStatistics.of(new double[] {0.5}));
        SeedStatistics none = SeedStatistics.of(new double[] {Double.NaN});
        assertEquals(0, none.count());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.std()));
    }

    @Test
    void sampleStdStandardErrorAndTheTestBetweenPoints() {
        SeedStatistics a = SeedStatistics.of(new double[] {1, 2, 3});   // mean 2, sample std 1, se 1/sqrt(3)
        assertEquals(1, a.sampleStd(), 1e-15);
        assertEquals(1 / Math.sqrt(3), a.standardError(), 1e-15);
        assertTrue(Double.isNaN(SeedStatistics.of(new double[] {4}).sampleStd()));
        SeedStatistics b = SeedStatistics.of(new double[] {0, 0, 0});   // se 0
        // difference 2 against z * sqrt(1/3): exceeds at z = 3 (1.73), not at z = 4 (2.31)
        assertTrue(a.exceeds(b, 3));
        assertFalse(a.exceeds(b, 4));
        assertFalse(b.exceeds(a, 0));
        assertFalse(SeedStatistics.of(new double[] {5}).exceeds(b, 0), "one seed: no standard error, never exceeds");
    }

    /** {1, 2, 3, 4}: mean 2.5, s = sqrt(5/3), t_{0.975, 3} = 3.182446305284263 (tables: 3.182). */
    @Test
    void interval95UsesStudentsT() {
        // commons-math inverts the t distribution to an absolute accuracy of 1e-9: 1e-8 on the bounds
        double[] ci = SeedStatistics.of(new double[] {1, 2, 3, 4}).interval95();
        double half = 3.182446305284263 * Math.sqrt(5.0 / 3) / 2;
        assertEquals(2.5 - half, ci[0], 1e-8);
        assertEquals(2.5 + half, ci[1], 1e-8);
        assertTrue(Double.isNaN(SeedStatistics.of(new double[] {1}).interval95()[0]));
    }
}
