package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The support adjustment of the reference code ({@code adjust=(a, b)}): every data model produces
 * its canonical output in the (-1, 1) convention and this affine map
 * <pre>  x -&gt; (x + 1) (b - a) / 2 + a</pre>
 * moves it. {@code (-1, 1)} is the identity (the default of all papers' runs); {@code (0, 1)}
 * gives {@code (x + 1) / 2}, e.g. the 0/1 single pulse.
 *
 * <p>Covariances scale by {@code ((b - a)/2)^2}; central moments ratios (kurtosis) are unchanged.
 *
 * @param lower a, finite
 * @param upper b, finite and > a
 */
public record Support(double lower, double upper) implements Serializable {
    /** The identity, {@code (-1, 1)}. */
    public static final Support SYMMETRIC = new Support(-1, 1);
    /** {@code (0, 1)}. */
    public static final Support UNIT = new Support(0, 1);

    /** Validates {@code a < b}, both finite. */
    public Support {
        Require.finite("support lower bound", lower);
        Require.finite("support upper bound", upper);
        Require.that(upper > lower, "support", "(" + lower + ", " + upper + ")", "an interval (a, b) with a < b");
    }

    /** Scale factor {@code (b - a)/2} of the map. */
    public double scale() {
        return (upper - lower) / 2;
    }

    /** Whether the map is the identity. */
    public boolean isIdentity() {
        return lower == -1 && upper == 1;
    }

    /** Applies the map in place to {@code count} values of {@code x} starting at {@code from}. */
    public void apply(double[] x, int from, int count) {
        if (isIdentity()) {
            return;
        }
        double s = scale();
        double shift = s + lower;
        for (int i = from, end = from + count; i < end; i++) {
            x[i] = x[i] * s + shift;
        }
    }

    /** Parses {@code "a,b"}. */
    public static Support parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("support must be two numbers 'a,b' with a < b, got " + text);
        }
        try {
            return new Support(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("support must be two numbers 'a,b' with a < b, got " + text, e);
        }
    }

    @Override
    public String toString() {
        return "(" + lower + ", " + upper + ")";
    }
}
