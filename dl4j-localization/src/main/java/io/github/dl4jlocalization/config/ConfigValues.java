package io.github.dl4jlocalization.config;

import io.github.dl4jlocalization.util.Require;

import java.util.List;
import java.util.Map;

/**
 * Reads typed values out of a parsed JSON or YAML map, or out of a flag's value: numbers may
 * arrive as any {@link Number} or as numeric strings (e.g. YAML's {@code 1e-3}), pairs as
 * two-element lists or {@code "a,b"} strings. Each failure names the key; the one reader of every
 * {@link ValueType}.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** A number: a {@link Number} or a numeric string ("NaN" parses, and is left to validation). */
    public static double number(String key, Object value) {
        Require.nonNull(key, value);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
    }

    /** A whole number that fits a long (integral numbers and strings are read exactly). */
    public static long whole(String key, Object value) {
        Require.nonNull(key, value);
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException notPlain) {
                // e.g. "1e4": read as a number below
            }
        }
        double v = number(key, value);
        if (v != Math.rint(v) || Math.abs(v) >= 0x1p63) {
            throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
        }
        return (long) v;
    }

    /** A whole number that fits an int. */
    public static int integer(String key, Object value) {
        long v = whole(key, value);
        if (v != (int) v) {
            throw new IllegalArgumentException(key + " must be an integer in the int range, got " + value);
        }
        return (int) v;
    }

    /** {@code true} or {@code false}: a {@link Boolean} or the text, case ignored. */
    public static boolean bool(String key, Object value) {
        Require.nonNull(key, value);
        if (value instanceof Boolean b) {
            return b;
        }
        String text = value.toString().trim();
        Require.that(text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"), key, value, "true or false");
        return Boolean.parseBoolean(text);
    }

    /** A string (scalars are converted with {@code toString}). */
    public static String string(String key, Object value) {
        Require.nonNull(key, value);
        Require.that(!(value instanceof Map<?, ?> || value instanceof Iterable<?>), key, value, "a single value");
        return value.toString();
    }

    /**
     * A pair of numbers as the text {@code "a,b"} that {@code ClassPair.parse} and
     * {@code Support.parse} read: a two-element list is joined, a string is returned as it is.
     */
    public static String pair(String key, Object value) {
        Require.nonNull(key, value);
        if (value instanceof List<?> list) {
            Require.that(list.size() == 2, key, value, "two numbers [a, b]");
            return number(key, list.get(0)) + "," + number(key, list.get(1));
        }
        return string(key, value);
    }

    /** A nested map with string keys, e.g. the {@code data} section of a config file. */
    public static Map<String, Object> section(String key, Object value) {
        Require.nonNull(key, value);
        Require.that(value instanceof Map<?, ?>, key, value, "a section of key: value entries");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }
}
