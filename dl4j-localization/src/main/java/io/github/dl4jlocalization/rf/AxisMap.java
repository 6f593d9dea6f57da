package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.fraction.Fraction;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * How the units of a layer reach back to the units of the layer below it, along one spatial
 * axis: unit u depends on the units {@code lower(u) .. upper(u)} below (both non-decreasing in u,
 * so a run of units maps to a run). Positions may fall outside the layer below (into its padding);
 * the arithmetic clips them when it computes regions, not when it computes the table.
 */
sealed interface AxisMap extends Serializable {

    /** The identity: unit u depends on unit u below (element-wise layers, 1 x 1 windows). */
    AxisMap IDENTITY = new Window(1, 1, 0);

    /**
     * The units below that {@code units} depend on. In exact mode a circular padding wraps them
     * around its ring; otherwise (the table's unclipped arithmetic) positions are left unwrapped.
     */
    Intervals below(Intervals units, boolean exact);

    /** The jump of this layer's units, given the jump of the units below. */
    Fraction jump(Fraction below);

    /** Whether every unit spans the same number of units below (the recurrences then hold exactly). */
    boolean affine();

    /** Maps every run through a monotone unit map. */
    private static Intervals mapRuns(Intervals units, java.util.function.LongUnaryOperator lower,
                                     java.util.function.LongUnaryOperator upper) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : units.runs()) {
            out.add(new Interval(lower.applyAsLong(i.first()), upper.applyAsLong(i.last())));
        }
        return Intervals.union(out);
    }

    /**
     * A sliding window (convolution, pooling, padding, cropping): unit u depends on the units
     * {@code u s - p .. u s - p + e - 1} below, with effective extent {@code e = (k - 1) d + 1}
     * (kernel k, dilation d), stride s and leading padding p (negative for cropping).
     *
     * @param extent e >= 1
     * @param stride s >= 1
     * @param pad    p, the leading padding
     */
    record Window(long extent, long stride, long pad) implements AxisMap {
        /** Validates. */
        public Window {
            Require.atLeast("extent", extent, 1L);
            Require.atLeast("stride", stride, 1L);
        }

        @Override
        public Intervals below(Intervals units, boolean exact) {
            return mapRuns(units, u -> u * stride - pad, u -> u * stride - pad + extent - 1);
        }

        @Override
        public Fraction jump(Fraction below) {
            return below.multiply((int) stride);
        }

        @Override
        public boolean affine() {
            return true;
        }
    }

    /**
     * Nearest-neighbour upsampling by f: unit u copies unit {@code floor(u / f)} below.
     *
     * @param factor f >= 1
     */
    record Upsample(long factor) implements AxisMap {
        /** Validates. */
        public Upsample {
            Require.atLeast("factor", factor, 1L);
        }

        @Override
        public Intervals below(Intervals units, boolean exact) {
            return mapRuns(units, u -> Math.floorDiv(u, factor), u -> Math.floorDiv(u, factor));
        }

        @Override
        public Fraction jump(Fraction below) {
            return below.divide((int) factor);
        }

        @Override
        public boolean affine() {
            return factor == 1;
        }
    }

    /** A forward recurrent layer: time step t depends on the steps {@code 0 .. t} below. */
    record Prefix() implements AxisMap {
        @Override
        public Intervals below(Intervals units, boolean exact) {
            return mapRuns(units, u -> 0, u -> u);
        }

        @Override
        public Fraction jump(Fraction below) {
            return below;
        }

        @Override
        public boolean affine() {
            return false;
        }
    }

    /**
     * Circular padding of a ring of n sites ({@code CircularPaddingPreProcessor}): padded position
     * t holds site {@code t mod n}. Exact mode wraps positions onto the ring; the table's
     * arithmetic keeps them unwrapped (a field may then extend past n - 1, meaning it wraps).
     *
     * @param period n >= 1
     */
    record Wrap(long period) implements AxisMap {
        /** Validates. */
        public Wrap {
            Require.atLeast("period", period, 1L);
        }

        @Override
        public Intervals below(Intervals units, boolean exact) {
            if (!exact) {
                return units;
            }
            List<Interval> out = new ArrayList<>();
            for (Interval i : units.runs()) {
                if (i.length() >= period) {
                    out.add(new Interval(0, period - 1));
                } else {
                    long first = Math.floorMod(i.first(), period);
                    long last = Math.floorMod(i.last(), period);
                    if (first <= last) {
                        out.add(new Interval(first, last));
                    } else {
                        out.add(new Interval(0, last));
                        out.add(new Interval(first, period - 1));
                    }
                }
            }
            return Intervals.union(out);
        }

        @Override
        public Fraction jump(Fraction below) {
            return below;
        }

        @Override
        public boolean affine() {
            return true;
        }
    }
}
