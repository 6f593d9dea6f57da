package io.github.dl4jlocalization.metrics;

import org.junit.jupiter.api.Test;

import static io.github.dl4jlocalization.metrics.LocalizationMetricsTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedPeakTest {

    @Test
    void matchesNeedsSameIndexAndSign() {
        SignedPeak p = new SignedPeak(12, -1);
        assertTrue(p.matches(new SignedPeak(12, -1)));
        assertFalse(p.matches(new SignedPeak(12, 1)));
        assertFalse(p.matches(new SignedPeak(11, -1)));
        assertEquals(-12, p.encoded());
        assertEquals("-12", p.toString());
    }

    @Test
    void scalarEncodingIsAmbiguousOnlyAtIndexZero() {
        SignedPeak plus = new SignedPeak(0, 1);
        SignedPeak minus = new SignedPeak(0, -1);
        assertEquals(plus.encoded(), minus.encoded());
        assertFalse(plus.matches(minus));
        assertEquals(3, new SignedPeak(3, 1).encoded());
        assertEquals(-3, new SignedPeak(3, -1).encoded());
    }

    @Test
    void invalidPeaksAreRejected() {
        assertMessage("index must be an integer >= 0, got -1", () -> new SignedPeak(-1, 1));
        assertMessage("sign must be an integer in [-1, 1], got 2", () -> new SignedPeak(0, 2));
        assertMessage("other must be given, got null", () -> new SignedPeak(0, 1).matches(null));
    }
}
