package io.github.dl4jlocalization.figures;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
