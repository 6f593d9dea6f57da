package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the values of a {@link Parameter} are read from config files and flags and written back:
 * {@link #read} takes a parsed JSON or YAML value (a {@link Number}, {@link String},
 * {@link Boolean} or {@link List}) or a flag's value as the command-line parser converted it to
 * {@link #flagType()}; {@link #write} gives what config files hold, which {@link #read} reads back
 * to an equal value. Immutable.
 *
 * @param <T> the Java type of the values
 */
public final class ValueType<T> {
    /** A whole number in the int range. */
    public static final ValueType<Integer> INTEGER = of(Integer.class, "N", ConfigValues::integer, v -> v);
    /** A whole number in the long range. */
    public static final ValueType<Long> WHOLE = of(Long.class, "N", ConfigValues::whole, v -> v);
    /** A double (range checks are the parameter's {@link Range}). */
    public static final ValueType<Double> REAL = of(Double.class, "X", ConfigValues::number, v -> v);
    /** {@code true} or {@code false}; a flag of this type takes no value. */
    public static final ValueType<Boolean> BOOLEAN = of(Boolean.class, "", ConfigValues::bool, v -> v);
    /** A string. */
    public static final ValueType<String> TEXT = of(String.class, "TEXT", ConfigValues::string, v -> v);

    private final Class<?> flagType;
    private final String label;
    private final BiFunction<String, Object, T> reader;
    private final Function<T, Object> writer;
    private final List<String> choices;

    private ValueType(Class<?> flagType, String label, BiFunction<String, Object, T> reader, Function<T, Object> writer,
                      List<String> choices) {
        this.flagType = Require.nonNull("flagType", flagType);
        this.label = Require.nonNull("label", label);
        this.reader = Require.nonNull("reader", reader);
        this.writer = Require.nonNull("writer", writer);
        this.choices = List.copyOf(choices);
    }

    /**
     * A value type of its own.
     *
     * @param flagType the type a command-line parser converts a flag's text to before {@link #read}
     *                 ({@code Integer}, {@code Long}, {@code Double}, {@code Boolean} or
     *                 {@code String}), so that a malformed number is the parser's error
     * @param label    the flag's placeholder in help texts, e.g. {@code A,B}
     * @param reader   (name, value) to T, throwing {@link IllegalArgumentException} naming
     *                 {@code name} when the value cannot be read
     * @param writer   T to a String, Number, Boolean or List that {@code reader} reads back
     */
    public static <T> ValueType<T> of(Class<?> flagType, String label, BiFunction<String, Object, T> reader,
                                      Function<T, Object> writer) {
        return new ValueType<>(flagType, label, reader, writer, List.of());
    }

    /**
     * The constants of an enum, spelled as {@link #enumName} does (e.g. {@code first-layer}); the
     * constant's own name is accepted too ({@code FIRST_LAYER}), case ignored. A failure reads
     * {@code NAME must be one of a, b, c, got 'x'}.
     */
    public static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(ValueType::enumName).toList();
        return new ValueType<>(String.class, "NAME", (name, value) -> parseEnum(name, type, ConfigValues.string(name, value)),
                ValueType::enumName, names);
    }

    /**
     * Parses an enum constant written as {@link #enumName} spells it, or as its constant name,
     * case ignored, naming {@code name} and the accepted spellings on failure.
     */
    public static <E extends Enum<E>> E parseEnum(String name, Class<E> type, String text) {
        Require.nonNull(name, text);
        String t = text.trim();
        for (E e : type.getEnumConstants()) {
            if (enumName(e).equalsIgnoreCase(t) || e.name().equalsIgnoreCase(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(name + " must be one of " + Arrays.stream(type.getEnumConstants())
                .map(ValueType::enumName).collect(Collectors.joining(", ")) + ", got '" + text + "'");
    }

    /** An enum constant as flags and files spell it: lower case, hyphens for underscores. */
    public static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Reads a value given under {@code name} (a config key or a flag). */
    public T read(String name, Object value) {
        return reader.apply(name, value);
    }

    /** The value as config files hold it. */
    public Object write(T value) {
        return writer.apply(value);
    }

    /** The value as a flag gives it, e.g. {@code 0.3,0.7} for a pair or {@code 3} for 3.0. */
    public String format(T value) {
        return formatWritten(write(value));
    }

    private static String formatWritten(Object written) {
        if (written instanceof List<?> list) {
            return list.stream().map(ValueType::formatWritten).collect(Collectors.joining(","));
        }
        if (written instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(written);
    }

    /** The Java type a command-line parser converts a flag's text to. */
    public Class<?> flagType() {
        return flagType;
    }

    /** The flag's placeholder in help texts ({@code N}, {@code X}, {@code NAME}, ...). */
    public String label() {
        return label;
    }

    /** The accepted spellings of an enumeration, empty for other types. */
    public List<String> choices() {
        return choices;
    }
}
