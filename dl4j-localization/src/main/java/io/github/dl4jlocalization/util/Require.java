package io.github.dl4jlocalization.util;

/**
 * Parameter validation with one message per failure that names the parameter, the rejected
 * value and the accepted range, e.g. {@code "gain must be a finite number > 0, got -1.0"}.
 *
 * <p>Every public constructor and builder of the project validates through these methods, so
 * that a bad value fails where the object is built, never later inside training.
 */
public final class Require {
    private Require() {
    }

    /** Requires {@code value > 0} and finite. */
    public static double positive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw fail(name, value, "a finite number > 0");
        }
        return value;
    }

    /** Requires {@code value >= 0} and finite. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw fail(name, value, "a finite number >= 0");
        }
        return value;
    }

    /** Requires a finite value. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw fail(name, value, "a finite number");
        }
        return value;
    }

    /** Requires {@code value > lowerExclusive} and finite. */
    public static double greaterThan(String name, double value, double lowerExclusive) {
        if (!(value > lowerExclusive) || !Double.isFinite(value)) {
            throw fail(name, value, "a finite number > " + fmt(lowerExclusive));
        }
        return value;
    }

    /** Requires {@code 0 < value < 1}. */
    public static double fraction(String name, double value) {
        if (!(value > 0 && value < 1)) {
            throw fail(name, value, "a fraction in (0, 1)");
        }
        return value;
    }

    /** Requires {@code lo <= value <= hi}. */
    public static double inRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw fail(name, value, "a number in [" + fmt(lo) + ", " + fmt(hi) + "]");
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got " + value);
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be an integer >= " + min + ", got " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be an integer in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    /** Requires a non-null reference. */
    public static <T> T nonNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must be given, got null");
        }
        return value;
    }

    /** Requires a condition; {@code accepted} describes the accepted values. */
    public static void that(boolean condition, String name, Object value, String accepted) {
        if (!condition) {
            throw new IllegalArgumentException(name + " must be " + accepted + ", got " + value);
        }
    }

    private static IllegalArgumentException fail(String name, double value, String accepted) {
        return new IllegalArgumentException(name + " must be " + accepted + ", got " + value);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
