package io.github.dl4jlocalization.rf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IPR, width, second-moment width and centre of fields whose values are known in closed form. */
class FieldStatisticsTest {
    private static final long[] RING = {40};
    private static final boolean[] PERIODIC = {true};
    private static final boolean[] LINE = {false};

    @Test
    void aFieldOnOneSiteIsFullyLocalized() {
        double[] f = new double[40];
        f[17] = -2;
        FieldStatistics s = FieldStatistics.of(f, RING, LINE, 0.9);
        assertEquals(1, s.ipr());
        assertEquals(1, s.width());
        assertEquals(0, s.secondMomentWidth(), 1e-12);
        assertArrayEquals(new double[] {17}, s.centre(), 1e-12);
    }

    @Test
    void anEvenFieldIsSpreadOverEverySite() {
        double[] f = new double[40];
        java.util.Arrays.fill(f, 0.3);
        FieldStatistics s = FieldStatistics.of(f, RING, LINE, 0.9);
        assertEquals(1.0 / 40, s.ipr(), 1e-15);
        assertEquals(36, s.width(), "90 % of 40 equal masses");
        // a uniform distribution on 0..39: variance (40^2 - 1) / 12
        assertEquals(Math.sqrt((1600 - 1) / 12.0), s.secondMomentWidth(), 1e-12);
        assertEquals(40, FieldStatistics.of(f, RING, LINE, 1.0).width());
    }

    @Test
    void aFieldAcrossTheBoundaryOfARingIsCentredOnIt() {
        double[] f = new double[40];
        f[39] = 1;
        f[0] = 2;
        f[1] = 1;
        FieldStatistics ring = FieldStatistics.of(f, RING, PERIODIC, 0.5);
        assertEquals(0, Math.min(ring.centre()[0], 40 - ring.centre()[0]), 1e-9, "the circular mean: site 0");
        assertEquals(1, ring.width(), "site 0 holds 4/6 of the mass");
        assertEquals(18.0 / 36, ring.ipr(), 1e-15, "(1 + 16 + 1) / 6^2");
        FieldStatistics line = FieldStatistics.of(f, RING, LINE, 0.5);
        assertEquals((39 + 1) / 6.0, line.centre()[0], 1e-12, "the linear mean is pulled to the middle");
        assertTrue(line.secondMomentWidth() > 10);
    }

    @Test
    void imageFieldsHaveACentrePerAxis() {
        long[] shape = {5, 8};
        double[] f = new double[40];
        f[2 * 8 + 6] = 1;   // row 2, column 6
        f[3 * 8 + 6] = 1;   // row 3, column 6
        FieldStatistics s = FieldStatistics.of(f, shape, new boolean[2], 0.9);
        assertArrayEquals(new double[] {2.5, 6}, s.centre(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0}, s.spread(), 1e-12);
        assertEquals(0.5, s.secondMomentWidth(), 1e-12);
        assertEquals(2, s.width());
    }

    @Test
    void theZeroFieldHasNoPosition() {
        FieldStatistics s = FieldStatistics.of(new double[40], RING, PERIODIC, 0.9);
        assertTrue(Double.isNaN(s.ipr()) && Double.isNaN(s.centre()[0]) && Double.isNaN(s.secondMomentWidth()));
        assertEquals(0, s.width());
    }

    @Test
    void invalidArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldStatistics.of(new double[3], RING, LINE, 0.9))
                .getMessage().startsWith("field length"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FieldStatistics.of(new double[40], RING, LINE, 0))
                .getMessage().startsWith("massFraction"));
    }
}
