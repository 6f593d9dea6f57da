package io.github.dl4jlocalization.figures;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatchCountTest {
    @Test
    void wilsonIntervalMatchesTheClosedForm() {
        // reference values from the Wilson formula evaluated independently in double precision (Python)
        assertArrayEquals(new double[] {0.7735463743160095, 0.9801879358846942},
                new MatchCount(26, 28).wilsonInterval(MatchCount.Z95), 1e-12);
        assertArrayEquals(new double[] {0.236593090512564, 0.7634069094874361},
                new MatchCount(5, 10).wilsonInterval(MatchCount.Z95), 1e-12);
    }

    @Test
    void wilsonIntervalKeepsAWidthAtTheEnds() {
        double[] none = new MatchCount(0, 10).wilsonInterval(MatchCount.Z95);
        assertEquals(0.0, none[0]);
        assertEquals(0.2775327998628892, none[1], 1e-12);
        double[] all = new MatchCount(10, 10).wilsonInterval(MatchCount.Z95);
        assertEquals(0.7224672001371107, all[0], 1e-12);
        assertEquals(1.0, all[1], 1e-12);
    }

    @Test
    void fractionAndText() {
        MatchCount c = new MatchCount(26, 28);
        assertEquals(26.0 / 28, c.fraction());
        assertEquals("26/28", c.toString());
    }

    @Test
    void rejectsInvalidCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MatchCount(3, 2));
        assertTrue(e.getMessage().contains("matches") && e.getMessage().contains("3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MatchCount(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new MatchCount(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new MatchCount(1, 2).wilsonInterval(0));
    }
}
