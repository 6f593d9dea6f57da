package io.github.dl4jlocalization.figures;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FigureSweepsTest {
    @Test
    void consecutiveSeedsStartAtTheFirst() {
        assertEquals(List.of(5L, 6L, 7L), FigureSweeps.consecutiveSeeds(5, 3));
        assertEquals(List.of(Long.MAX_VALUE), FigureSweeps.consecutiveSeeds(Long.MAX_VALUE, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FigureSweeps.consecutiveSeeds(0, 0));
        assertTrue(e.getMessage().startsWith("seeds must be"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FigureSweeps.consecutiveSeeds(Long.MAX_VALUE, 2));
    }
}
