package io.github.dl4jlocalization.figures;

import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.sweep.TheoryTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PeakComparisonTest {
    private static Map<String, Double> measures(int sgdCode, int theoryCode) {
        return Map.of("peakSgd", (double) sgdCode, "peakTheory", (double) theoryCode, "iprSgd", 0.8,
                "iprTheory", 0.3, "l2Error", 0.05, "peakMatch", sgdCode == theoryCode ? 1.0 : 0.0);
    }

    @Test
    void peakCodesRoundTripIncludingIndexZero() {
        for (SignedPeak p : List.of(new SignedPeak(0, 1), new SignedPeak(0, -1), new SignedPeak(39, -1),
                new SignedPeak(7, 1), new SignedPeak(0, 0))) {
            assertEquals(p, TheoryTask.peakOf(TheoryTask.peakCode(p)));
        }
        assertThrows(IllegalArgumentException.class, () -> TheoryTask.peakOf(2.5));
    }

    @Test
    void readsTheTheoryTaskMeasures() {
        // codes sign * (index + 1): -13 is index 12, negative; +13 index 12, positive
        PeakComparison c = PeakComparison.of(4, measures(-13, -13));
        assertEquals(new SignedPeak(12, -1), c.sgd());
        assertTrue(c.match());
        assertEquals(0.8, c.iprSgd());
        assertEquals(0.3, c.iprTheory());
        assertEquals(0.05, c.l2Error());
        PeakComparison flipped = PeakComparison.of(4, measures(-13, 13));
        assertFalse(flipped.match());
        assertFalse(flipped.sameSign());
        assertEquals(0, flipped.ringDistance(40));
    }

    @Test
    void ringDistanceWrapsAround() {
        // indices 0 and 39 on a ring of 40 are neighbours
        PeakComparison c = PeakComparison.of(0, measures(1, 40));
        assertEquals(1, c.ringDistance(40));
        assertTrue(c.sameSign());
        assertFalse(c.match());
        assertEquals(20, PeakComparison.of(0, measures(1, 21)).ringDistance(40));
        assertThrows(IllegalArgumentException.class, () -> c.ringDistance(39));
    }

    @Test
    void namesAMissingMeasure() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeakComparison.of(0, Map.of("peakSgd", 1.0)));
        assertTrue(e.getMessage().contains("peakTheory"), e.getMessage());
    }

    @Test
    void resultCountsNearMisses() {
        List<PeakComparison> rows = List.of(PeakComparison.of(0, measures(5, 5)), PeakComparison.of(1, measures(5, 6)),
                PeakComparison.of(2, measures(5, -6)), PeakComparison.of(3, measures(5, 9)));
        PeakMatchFigure.Result r = new PeakMatchFigure.Result(rows, new MatchCount(1, 4), 40);
        assertEquals(2, r.within(1));
        assertEquals(1, r.within(0));
        Map<String, Object> m = PeakMatchFigure.measured(r);
        assertEquals("1/4", m.get("matches"));
        assertEquals(3, m.get("sameSign"));
        assertEquals(1.0 / 80, m.get("chanceMatchProbability"));
    }
}
