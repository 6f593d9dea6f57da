package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;

/**
 * A run of consecutive sites {@code first, first + 1, ..., last} on one axis (both ends included).
 *
 * @param first the first site
 * @param last  the last site, {@code >= first}
 */
public record Interval(long first, long last) implements Serializable {

    /** Validates {@code first <= last}. */
    public Interval {
        Require.that(first <= last, "interval", "[" + first + ", " + last + "]", "first <= last");
    }

    /** The number of sites, {@code last - first + 1}. */
    public long length() {
        return last - first + 1;
    }

    /** Whether {@code site} lies in it. */
    public boolean contains(long site) {
        return site >= first && site <= last;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
