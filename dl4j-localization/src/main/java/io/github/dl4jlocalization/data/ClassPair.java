package io.github.dl4jlocalization.data;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The class parameters of a two-class task: {@code label0} is the correlation parameter of the
 * samples labelled 0, {@code label1} that of the samples labelled 1 (in the papers' runs the
 * longer correlation length has label 1, e.g. {@code xi = (0.3, 0.7)}).
 *
 * <p>Its meaning depends on the data model: a correlation length in pixels for Gaussian-field
 * models, the coupling J for the Ising ring, fractions of L for the single pulse.
 *
 * @param label0 parameter of class 0, finite and > 0
 * @param label1 parameter of class 1, finite and > 0
 */
public record ClassPair(double label0, double label1) implements Serializable {

    /** Validates both values (finite, > 0) and names the parameter {@code xi} on failure. */
    public ClassPair {
        Require.positive("xi[0] (class 0)", label0);
        Require.positive("xi[1] (class 1)", label1);
    }

    /** The parameter of class {@code label} (0 or 1). */
    public double of(int label) {
        return switch (Labels.check(label)) {
            case 0 -> label0;
            default -> label1;
        };
    }

    /** Parses {@code "a,b"} as used by the {@code --xi} flag. */
    public static ClassPair parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "xi must be two numbers 'a,b' (class 0, class 1), got " + text);
        }
        try {
            return new ClassPair(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "xi must be two numbers 'a,b' (class 0, class 1), got " + text, e);
        }
    }

    @Override
    public String toString() {
        return "(" + label0 + ", " + label1 + ")";
    }
}
