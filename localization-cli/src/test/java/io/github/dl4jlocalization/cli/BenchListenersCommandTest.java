package io.github.dl4jlocalization.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code localization bench listeners} through {@link LocalizationCli#execute}, at a tiny size. */
class BenchListenersCommandTest extends ConsoleCapture {

    @Test
    void printsBothDataTypesWithEveryListenerAndTheVerdict() {
        assertEquals(0, LocalizationCli.execute("bench", "listeners", "--batch", "40", "--repetitions", "1",
                "--steps", "10", "--warmup", "0"), stderr());
        String printed = stdout();
        assertTrue(printed.startsWith("bench listeners: batch 40, 1 repetitions x 10 steps"), printed);
        for (String expected : new String[] {"float: bare step", "double: bare step", "no-op listener (control)",
            "DivergenceGuard every step", "ReceptiveFieldListener every 10", "KurtosisListener every 10",
            "target <= 10 %"}) {
            assertTrue(printed.contains(expected), expected + " in\n" + printed);
        }
        assertTrue(printed.contains("every listener within the target") || printed.contains("a listener misses the target"),
                printed);
    }

    @Test
    void badSettingsExitTwoNamingTheFlag() {
        assertEquals(LocalizationCli.EXIT_BAD_INPUT, LocalizationCli.execute("bench", "listeners", "--steps", "5"));
        assertTrue(stderr().contains("--steps must be an integer >= 10, got 5"), stderr());
        assertFalse(stderr().contains("\tat "), "no stack trace: " + stderr());
    }
}
