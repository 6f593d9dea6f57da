package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.fraction.Fraction;

import java.io.Serializable;

/**
 * The theoretical receptive field of a layer's units along one input axis, in input sites: its
 * size r, its jump j (how far the field moves when the unit moves by one) and its start s (the
 * first input position seen by unit 0; negative when the field reaches into padding). Unit u's
 * field is then {@code s + u j .. s + u j + r - 1}, before clipping to the input.
 *
 * <p>From the input ({@code r_0 = 1, j_0 = 1, s_0 = 0}), a layer with kernel k, dilation d,
 * stride s and leading padding p gives
 * <pre>
 *   r_l = r_{l-1} + (k_l - 1) d_l j_{l-1}
 *   j_l = j_{l-1} s_l
 *   s_l = s_{l-1} - p_l j_{l-1}
 * </pre>
 * (Araujo, Norris &amp; Sim, Distill 2019). Upsampling by f divides the jump by f ({@code j_l =
 * j_{l-1} / f}, a fraction), after which units no longer all see the same number of sites: r is
 * then the largest field over the layer's units and s unit 0's start. A field that mixes every
 * site (dense layers, global pooling) has jump 0.
 *
 * @param size  r >= 1, in sites
 * @param jump  j >= 0, in sites per unit
 * @param start s, in sites
 */
public record AxisField(long size, Fraction jump, long start) implements Serializable {

    /** Validates. */
    public AxisField {
        Require.atLeast("size", size, 1L);
        Require.nonNull("jump", jump);
        Require.that(jump.compareTo(Fraction.ZERO) >= 0, "jump", jump, "a fraction >= 0");
    }

    /** The centre of unit 0's field, {@code s + (r - 1) / 2}, in sites. */
    public double centre() {
        return start + (size - 1) / 2.0;
    }

    /** Whether every unit sees the same sites (jump 0: dense layers, global pooling). */
    public boolean mixesEverySite() {
        return jump.equals(Fraction.ZERO);
    }

    /** The jump as {@code "2"} or {@code "1/2"}. */
    public String jumpText() {
        return jump.getDenominator() == 1 ? Integer.toString(jump.getNumerator())
                : jump.getNumerator() + "/" + jump.getDenominator();
    }

    @Override
    public String toString() {
        return "AxisField[size=" + size + ", jump=" + jumpText() + ", start=" + start + "]";
    }
}
