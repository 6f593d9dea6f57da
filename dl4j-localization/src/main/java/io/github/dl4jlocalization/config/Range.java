package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The accepted values of a {@link Parameter}: a check that throws
 * {@link IllegalArgumentException} naming the parameter and the range
 * ({@code lr must be a finite number > 0, got -1.0}, the messages of {@link Require}), and the
 * range as help texts show it ({@code > 0}). Immutable.
 *
 * @param <T> the type of the values checked
 */
public final class Range<T> {
    private static final Range<Object> ANY = new Range<>(() -> "", (name, value) -> {
    });

    private final Supplier<String> text;
    private final BiConsumer<String, T> check;

    private Range(Supplier<String> text, BiConsumer<String, T> check) {
        this.text = text;
        this.check = check;
    }

    /**
     * A range of its own.
     *
     * @param text  as help texts show it, e.g. {@code init or a step count >= 0}
     * @param check (name, value) throwing {@link IllegalArgumentException} naming {@code name}
     */
    public static <T> Range<T> of(String text, BiConsumer<String, T> check) {
        Require.nonNull("text", text);
        return new Range<>(() -> text, Require.nonNull("check", check));
    }

    /** Every value. */
    @SuppressWarnings("unchecked")
    public static <T> Range<T> any() {
        return (Range<T>) ANY;
    }

    /** Integers {@code >= min}. */
    public static Range<Integer> atLeast(int min) {
        return of(">= " + min, (name, v) -> Require.atLeast(name, v, min));
    }

    /** Longs {@code >= min}. */
    public static Range<Long> atLeast(long min) {
        return of(">= " + min, (name, v) -> Require.atLeast(name, v, min));
    }

    /** Integers in {@code [min, max]}. */
    public static Range<Integer> between(int min, int max) {
        return of(min + ".." + max, (name, v) -> Require.inRange(name, v, min, max));
    }

    /** Finite numbers {@code > 0}. */
    public static Range<Double> positive() {
        return of("> 0", Require::positive);
    }

    /** Numbers in {@code (0, max]}. */
    public static Range<Double> positiveAtMost(double max) {
        return of("> 0 and <= " + ValueType.REAL.format(max), (name, v) -> {
            Require.positive(name, v);
            Require.that(v <= max, name, v, "> 0 and <= " + ValueType.REAL.format(max));
        });
    }

    /** Finite numbers {@code > lowerExclusive}. */
    public static Range<Double> greaterThan(double lowerExclusive) {
        return of("> " + ValueType.REAL.format(lowerExclusive), (name, v) -> Require.greaterThan(name, v,
                lowerExclusive));
    }

    /** Numbers in the open interval (0, 1). */
    public static Range<Double> fraction() {
        return of("in (0, 1)", Require::fraction);
    }

    /**
     * One of the names {@code names} supplies (asked when needed, so that a registry may fill
     * them later); a failure reads {@code unknown WHAT 'x'; accepted: a, b, c}.
     */
    public static Range<String> oneOf(String what, Supplier<List<String>> names) {
        return new Range<>(() -> String.join(", ", names.get()), (name, v) -> {
            List<String> accepted = names.get();
            if (!accepted.contains(v)) {
                throw new IllegalArgumentException("unknown " + what + " '" + v + "'; accepted: "
                        + String.join(", ", accepted));
            }
        });
    }

    /** Checks {@code value} (not null), given as {@code name}. */
    public void check(String name, T value) {
        check.accept(name, value);
    }

    /** The range as help texts show it; empty for {@link #any()}. */
    public String text() {
        return text.get();
    }
}
