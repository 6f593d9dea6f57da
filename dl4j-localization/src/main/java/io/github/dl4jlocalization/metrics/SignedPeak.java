package io.github.dl4jlocalization.metrics;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * The signed peak of a receptive field w: {@code index = i* = argmax_i |w_i|} (the first such i
 * on ties, as numpy's {@code argmax}) and {@code sign = sign(w_{i*})}, which is 0 only for the
 * zero vector. Two receptive fields "match" when their signed peaks are equal (Lufkin, Saxe &amp;
 * Grant 2024, integrated vs simulated receptive field).
 *
 * <p>The reference code encodes the peak as the scalar {@code i* * sign} ({@link #encoded()}).
 * That encoding is ambiguous at index 0: a peak of either sign at index 0 encodes to 0, so the
 * reference counts a +peak and a -peak at pixel 0 as a match. {@link #matches} compares index and
 * sign separately and has no such ambiguity; it differs from comparing {@link #encoded()} values
 * only in that case.
 *
 * @param index i*, >= 0
 * @param sign  -1, 0 or +1
 */
public record SignedPeak(int index, int sign) implements Serializable {

    /** Validates {@code index >= 0} and {@code sign} in {-1, 0, 1}. */
    public SignedPeak {
        Require.atLeast("index", index, 0);
        Require.inRange("sign", sign, -1, 1);
    }

    /** Whether both peaks are at the same index with the same sign. */
    public boolean matches(SignedPeak other) {
        Require.nonNull("other", other);
        return index == other.index && sign == other.sign;
    }

    /** The reference code's scalar {@code i* * sign} (0 for either sign at index 0). */
    public int encoded() {
        return index * sign;
    }

    @Override
    public String toString() {
        return (sign < 0 ? "-" : sign > 0 ? "+" : "") + index;
    }
}
