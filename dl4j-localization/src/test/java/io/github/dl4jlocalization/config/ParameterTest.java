package io.github.dl4jlocalization.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One declaration gives the flag, the config reading and writing, the check and the help text. */
class ParameterTest {
    enum Shape { ROUND, FLAT_TOP }

    static final Parameter<Integer> STEPS_PER_ROUND = Parameter.integer("stepsPerRound").range(Range.atLeast(1))
            .defaultValue(100).label("T").unit("steps").help("SGD steps per round");
    static final Parameter<Double> DECAY = Parameter.real("decay").range(Range.fraction()).defaultValue(0.5)
            .help("Decay per round");
    static final Parameter<Shape> SHAPE = Parameter.enumeration("shape", Shape.class).defaultValue(Shape.ROUND)
            .help("Shape");
    static final Parameter<Integer> WIDTH = Parameter.integer("width").range(Range.atLeast(1))
            .defaultText("the model's").help("Width");
    static final ParameterSet SET = ParameterSet.of("test parameter", STEPS_PER_ROUND, DECAY, SHAPE, WIDTH);

    @Test
    void flagIsTheNameInKebabCase() {
        assertEquals("--steps-per-round", STEPS_PER_ROUND.flag());
        assertEquals("--decay", DECAY.flag());
        assertEquals("T", STEPS_PER_ROUND.label());
        assertEquals("X", DECAY.label());
        assertEquals("NAME", SHAPE.label());
    }

    @Test
    void helpShowsTheAcceptedValuesAndTheDefault() {
        assertEquals("SGD steps per round (>= 1; default 100 steps).",
                STEPS_PER_ROUND.describe(STEPS_PER_ROUND.defaultText()));
        assertEquals("Decay per round (in (0, 1); default 0.5).", DECAY.describe(DECAY.defaultText()));
        assertEquals("Shape (round, flat-top; default round).", SHAPE.describe(SHAPE.defaultText()));
        assertEquals("Width (>= 1; default the model's).", WIDTH.describe(WIDTH.defaultText()));
        assertEquals("Decay per round (in (0, 1)).", DECAY.describe(null));
    }

    @Test
    void readsConfigFileAndFlagValues() {
        // JSON numbers, YAML strings such as 1e2, and what picocli converts a flag to
        assertEquals(100, STEPS_PER_ROUND.read(100));
        assertEquals(100, STEPS_PER_ROUND.read("1e2"));
        assertEquals(100, STEPS_PER_ROUND.read(100.0));
        assertEquals(0.25, DECAY.read("0.25"));
        assertEquals(Shape.FLAT_TOP, SHAPE.read("flat-top"));
        assertEquals(Shape.FLAT_TOP, SHAPE.read("FLAT_TOP"));
        assertEquals("flat-top", SHAPE.write(Shape.FLAT_TOP));
    }

    @Test
    void failuresNameTheParameterOrTheFlagAndTheRange() {
        assertMessage("stepsPerRound must be an integer, got '2.5'", () -> STEPS_PER_ROUND.read(2.5));
        assertMessage("stepsPerRound must be an integer >= 1, got 0", () -> STEPS_PER_ROUND.check(0));
        assertMessage("--steps-per-round must be an integer >= 1, got 0",
                () -> STEPS_PER_ROUND.check(STEPS_PER_ROUND.flag(), 0));
        assertMessage("decay must be a fraction in (0, 1), got 1.0", () -> DECAY.check(1.0));
        assertMessage("shape must be one of round, flat-top, got 'oval'", () -> SHAPE.read("oval"));
        assertMessage("decay must be given, got null", () -> DECAY.check(null));
        assertNull(WIDTH.check(null), "an optional parameter takes null");
    }

    @Test
    void valuesReadFromAMapFillDefaultsAndWriteBack() {
        ParameterValues v = SET.read(Map.of("decay", 0.1, "shape", "flat-top"));
        assertEquals(100, v.get(STEPS_PER_ROUND));
        assertEquals(0.1, v.get(DECAY));
        assertNull(v.get(WIDTH));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("stepsPerRound", 100);
        expected.put("decay", 0.1);
        expected.put("shape", "flat-top");
        expected.put("width", null);
        assertEquals(expected, v.toMap());
        Map<String, Object> given = new LinkedHashMap<>(v.toMap());
        given.remove("width");
        assertEquals(v, SET.read(given));
        assertEquals(v, v.toBuilder().build());
        assertMessage("unknown test parameter 'decy'; accepted: stepsPerRound, decay, shape, width",
                () -> SET.read(Map.of("decy", 1)));
        assertMessage("decay must be a fraction in (0, 1), got 2.0", () -> SET.read(Map.of("decay", 2)));
    }

    @Test
    void builderKnowsWhatWasGiven() {
        ParameterValues.Builder b = SET.builder().set(DECAY, 0.2);
        assertTrue(b.isGiven(DECAY));
        assertFalse(b.isGiven(SHAPE));
        assertEquals(Shape.ROUND, b.get(SHAPE));
        b.clear(DECAY);
        assertEquals(0.5, b.build().get(DECAY));
        assertMessage("other is not a test parameter; accepted: stepsPerRound, decay, shape, width",
                () -> b.set(Parameter.integer("other"), 1));
    }

    @Test
    void namesAreCamelCaseAndDistinct() {
        assertMessage("parameter name must be a camelCase key such as recordEvery, got record-every",
                () -> Parameter.integer("record-every"));
        assertMessage("parameter names of twice must be distinct, got decay",
                () -> ParameterSet.of("twice", DECAY, Parameter.real("decay")));
        assertEquals(List.of("stepsPerRound", "decay", "shape", "width"), SET.names());
    }

    private static void assertMessage(String expected, Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
