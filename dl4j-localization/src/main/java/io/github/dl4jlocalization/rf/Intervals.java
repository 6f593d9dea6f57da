package io.github.dl4jlocalization.rf;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * An immutable set of sites on one axis: sorted, disjoint, non-adjacent {@link Interval}s. The
 * unit sets that the receptive-field arithmetic pushes down a network, one per axis.
 */
final class Intervals implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Intervals EMPTY = new Intervals(List.of());

    private final List<Interval> runs;

    private Intervals(List<Interval> runs) {
        this.runs = runs;
    }

    /** The single run {@code [first, last]}. */
    static Intervals of(long first, long last) {
        return new Intervals(List.of(new Interval(first, last)));
    }

    /** The union of arbitrary intervals (overlapping or adjacent ones merged). */
    static Intervals union(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Interval::first));
        List<Interval> out = new ArrayList<>();
        for (Interval i : sorted) {
            Interval last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && i.first() <= last.last() + 1) {
                out.set(out.size() - 1, new Interval(last.first(), Math.max(last.last(), i.last())));
            } else {
                out.add(i);
            }
        }
        return new Intervals(List.copyOf(out));
    }

    /** This set united with {@code other}. */
    Intervals union(Intervals other) {
        if (runs.isEmpty()) {
            return other;
        }
        if (other.runs.isEmpty()) {
            return this;
        }
        List<Interval> all = new ArrayList<>(runs);
        all.addAll(other.runs);
        return union(all);
    }

    /** The sites of this set within {@code [0, length - 1]}. */
    Intervals clip(long length) {
        List<Interval> out = new ArrayList<>();
        for (Interval i : runs) {
            long first = Math.max(0, i.first());
            long last = Math.min(length - 1, i.last());
            if (first <= last) {
                out.add(new Interval(first, last));
            }
        }
        return new Intervals(List.copyOf(out));
    }

    /** The runs, in increasing order. */
    List<Interval> runs() {
        return runs;
    }

    boolean isEmpty() {
        return runs.isEmpty();
    }

    /** The number of sites. */
    long size() {
        long n = 0;
        for (Interval i : runs) {
            n += i.length();
        }
        return n;
    }

    /** The smallest run containing the set (the set must not be empty). */
    Interval hull() {
        return new Interval(runs.get(0).first(), runs.get(runs.size() - 1).last());
    }

    boolean contains(long site) {
        for (Interval i : runs) {
            if (i.contains(site)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Intervals i && runs.equals(i.runs);
    }

    @Override
    public int hashCode() {
        return runs.hashCode();
    }

    @Override
    public String toString() {
        if (runs.isEmpty()) {
            return "{}";
        }
        StringJoiner j = new StringJoiner(" + ");
        runs.forEach(i -> j.add(i.toString()));
        return j.toString();
    }
}
