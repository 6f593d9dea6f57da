package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The input sites a unit can see: per spatial axis of the input, a set of runs of sites, clipped
 * to the input (padding is not input) and wrapped around a ring where the network pads circularly
 * (a field centred on site 0 of a ring of 40 is then {@code 0..4 + 36..39}). The region is the
 * product of its axes' sets. It spans every input channel.
 */
public final class InputRegion implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] shape;
    private final Intervals[] axes;

    InputRegion(long[] shape, Intervals[] axes) {
        this.shape = shape.clone();
        this.axes = axes.clone();
    }

    /** The number of spatial axes of the input. */
    public int rank() {
        return axes.length;
    }

    /** The input's length along each axis. */
    public long[] inputShape() {
        return shape.clone();
    }

    /** The runs of sites along {@code axis}, increasing; empty when the unit sees no input. */
    public List<Interval> runs(int axis) {
        return axes[requireAxis(axis)].runs();
    }

    /** The number of sites seen along {@code axis}. */
    public long sites(int axis) {
        return axes[requireAxis(axis)].size();
    }

    /** The number of input sites (positions, all channels together) in the region. */
    public long size() {
        long n = 1;
        for (Intervals a : axes) {
            n *= a.size();
        }
        return n;
    }

    /** Whether the region holds every site of the input. */
    public boolean coversInput() {
        for (int a = 0; a < axes.length; a++) {
            if (axes[a].size() != shape[a]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the site at {@code position} (one coordinate per axis) is in the region. */
    public boolean contains(long... position) {
        Require.that(position.length == axes.length, "position", Arrays.toString(position),
                axes.length + " coordinates");
        for (int a = 0; a < axes.length; a++) {
            if (!axes[a].contains(position[a])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the region wraps around the ring along {@code axis}: it touches both ends there
     * without covering the axis.
     */
    public boolean wrapsAround(int axis) {
        List<Interval> r = runs(axis);
        return r.size() > 1 && r.get(0).first() == 0 && r.get(r.size() - 1).last() == shape[axis] - 1;
    }

    private int requireAxis(int axis) {
        return Require.inRange("axis", axis, 0, axes.length - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputRegion r && Arrays.equals(shape, r.shape) && Arrays.equals(axes, r.axes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(axes);
    }

    /** E.g. {@code "[3..11] x [0..4 + 36..39] of 20 x 40"}. */
    @Override
    public String toString() {
        StringJoiner region = new StringJoiner(" x ");
        StringJoiner of = new StringJoiner(" x ");
        for (int a = 0; a < axes.length; a++) {
            region.add("[" + axes[a] + "]");
            of.add(Long.toString(shape[a]));
        }
        return region + " of " + of;
    }
}
