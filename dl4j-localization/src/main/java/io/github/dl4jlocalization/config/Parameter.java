package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parameter, declared once: its name (the config-file key; the flag is {@code --} and the
 * name in kebab case, {@code initScale} -&gt; {@code --init-scale}), its {@link ValueType}, its
 * default, its {@link Range}, its unit and its help text. Config files, flags, validation
 * messages, help texts and the {@code config.json} of a run all follow from it:
 * <pre>{@code
 * public static final Parameter<Integer> BATCH = Parameter.integer("batch").range(Range.atLeast(1))
 *         .defaultValue(5000).label("B").unit("samples").help("Fresh samples per SGD step");
 * }</pre>
 * A parameter whose default is {@code null} is optional: null means what {@link #defaultText}
 * says (e.g. "the model's"), and the range checks only the values given. Immutable; each setter
 * returns a copy. Parameters are compared by identity: a {@link ParameterSet} holds the
 * declarations themselves.
 *
 * @param <T> the Java type of the values
 */
public final class Parameter<T> {
    private final String name;
    private final ValueType<T> type;
    private final T defaultValue;
    private final String defaultText;
    private final Range<? super T> range;
    private final String label;
    private final String unit;
    private final String help;

    private Parameter(String name, ValueType<T> type, T defaultValue, String defaultText, Range<? super T> range,
                      String label, String unit, String help) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.range = range;
        this.label = label;
        this.unit = unit;
        this.help = help;
    }

    /** A parameter named {@code name} (a config key, e.g. {@code recordEvery}) of values of {@code type}. */
    public static <T> Parameter<T> of(String name, ValueType<T> type) {
        Require.that(name != null && name.matches("[a-z][A-Za-z0-9]*"), "parameter name", name,
                "a camelCase key such as recordEvery");
        return new Parameter<>(name, Require.nonNull("type", type), null, null, Range.any(), null, "", "");
    }

    /** An int parameter. */
    public static Parameter<Integer> integer(String name) {
        return of(name, ValueType.INTEGER);
    }

    /** A long parameter. */
    public static Parameter<Long> whole(String name) {
        return of(name, ValueType.WHOLE);
    }

    /** A double parameter. */
    public static Parameter<Double> real(String name) {
        return of(name, ValueType.REAL);
    }

    /** A boolean parameter (a flag without a value). */
    public static Parameter<Boolean> bool(String name) {
        return of(name, ValueType.BOOLEAN);
    }

    /** A string parameter. */
    public static Parameter<String> text(String name) {
        return of(name, ValueType.TEXT);
    }

    /** A parameter whose values are the constants of {@code type} ({@link ValueType#enumeration}). */
    public static <E extends Enum<E>> Parameter<E> enumeration(String name, Class<E> type) {
        return of(name, ValueType.enumeration(type));
    }

    /** With the default {@code value} (null: optional, see the class comment). */
    public Parameter<T> defaultValue(T value) {
        return new Parameter<>(name, type, value, defaultText, range, label, unit, help);
    }

    /** With help texts showing the default as {@code text} (e.g. {@code the model's}) instead of its value. */
    public Parameter<T> defaultText(String text) {
        return new Parameter<>(name, type, defaultValue, text, range, label, unit, help);
    }

    /** With the accepted values {@code range}. */
    public Parameter<T> range(Range<? super T> accepted) {
        return new Parameter<>(name, type, defaultValue, defaultText, Require.nonNull("range", accepted), label, unit,
                help);
    }

    /** With the flag placeholder {@code label} (default: the type's, e.g. {@code N}). */
    public Parameter<T> label(String placeholder) {
        return new Parameter<>(name, type, defaultValue, defaultText, range, placeholder, unit, help);
    }

    /** With the unit of the values, e.g. {@code steps} (help texts show it after the default). */
    public Parameter<T> unit(String valueUnit) {
        return new Parameter<>(name, type, defaultValue, defaultText, range, label, Require.nonNull("unit", valueUnit),
                help);
    }

    /** With the help text (one phrase, no final period). */
    public Parameter<T> help(String text) {
        return new Parameter<>(name, type, defaultValue, defaultText, range, label, unit, Require.nonNull("help", text));
    }

    /** The config key. */
    public String name() {
        return name;
    }

    /** The flag: {@code --} and the name in kebab case. */
    public String flag() {
        StringBuilder flag = new StringBuilder("--");
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) {
                flag.append('-').append(Character.toLowerCase(c));
            } else {
                flag.append(c);
            }
        }
        return flag.toString();
    }

    /** The value type. */
    public ValueType<T> type() {
        return type;
    }

    /** The default value; null for an optional parameter. */
    public T defaultValue() {
        return defaultValue;
    }

    /** The flag placeholder. */
    public String label() {
        return label != null ? label : type.label();
    }

    /** The unit, empty when the values have none. */
    public String unit() {
        return unit;
    }

    /** The help text. */
    public String help() {
        return help;
    }

    /** The range. */
    public Range<? super T> range() {
        return range;
    }

    /** Whether null is a value ("not given": the default is null). */
    public boolean isOptional() {
        return defaultValue == null;
    }

    /** Reads a config-file value of this parameter (errors name {@link #name()}). */
    public T read(Object value) {
        return read(name, value);
    }

    /** Reads a value given as {@code as} (e.g. the flag), naming it on failure. */
    public T read(String as, Object value) {
        return type.read(as, value);
    }

    /** Checks {@code value} against the range, naming {@link #name()}; returns it. */
    public T check(T value) {
        return check(name, value);
    }

    /** Checks {@code value} given as {@code as} (e.g. the flag), naming it on failure; returns it. */
    public T check(String as, T value) {
        if (value == null) {
            Require.that(isOptional(), as, null, "given");
            return null;
        }
        range.check(as, value);
        return value;
    }

    /** The value as config files hold it. */
    public Object write(T value) {
        return type.write(value);
    }

    /** The value as a flag gives it. */
    public String format(T value) {
        return type.format(value);
    }

    /**
     * The help text of the flag, e.g. {@code SGD steps T (>= 1; default 10000 steps).}: the help,
     * then in parentheses the accepted names or range and the default.
     *
     * @param shownDefault the default as this command shows it (e.g. a figure's own), null for
     *                     none
     */
    public String describe(String shownDefault) {
        List<String> notes = new ArrayList<>();
        if (!type.choices().isEmpty()) {
            notes.add(String.join(", ", type.choices()));
        }
        if (!range.text().isEmpty()) {
            notes.add(range.text());
        }
        if (shownDefault != null) {
            notes.add("default " + shownDefault + (unit.isEmpty() ? "" : " " + unit));
        }
        return help + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")") + ".";
    }

    /** The default as help texts show it: {@link #defaultText} if set, else the formatted default value. */
    public String defaultText() {
        return defaultText != null ? defaultText : defaultValue == null ? null : format(defaultValue);
    }

    @Override
    public String toString() {
        return name + " (" + type.flagType().getSimpleName().toLowerCase(Locale.ROOT) + ")";
    }
}
