package io.github.dl4jlocalization.figures;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedStatsTest {
    @Test
    void meanSampleStdAndStandardErrorIgnoringNaN() {
        SeedStats s = SeedStats.of(new double[] {1, Double.NaN, 2, 3});
        assertEquals(3, s.n());
        assertEquals(2, s.mean(), 1e-15);
        assertEquals(1, s.std(), 1e-15);
        assertEquals(1 / Math.sqrt(3), s.se(), 1e-15);
        assertTrue(Double.isNaN(SeedStats.of(new double[] {4}).std()));
        assertEquals(0, SeedStats.of(new double[] {Double.NaN}).n());
    }

    @Test
    void exceedsByAMarginOfStandardErrorsOfTheDifference() {
        SeedStats a = SeedStats.of(new double[] {1, 2, 3});   // mean 2, se 1/sqrt(3)
        SeedStats b = SeedStats.of(new double[] {0, 0, 0});   // se 0
        // difference 2 against z * sqrt(1/3): exceeds at z = 3 (1.73), not at z = 4 (2.31)
        assertTrue(a.exceeds(b, 3));
        assertFalse(a.exceeds(b, 4));
        assertFalse(b.exceeds(a, 0));
        assertFalse(SeedStats.of(new double[] {5}).exceeds(b, 0), "one seed: no standard error, never exceeds");
    }
}
