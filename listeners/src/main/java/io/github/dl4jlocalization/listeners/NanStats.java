package io.github.dl4jlocalization.listeners;

import java.util.Arrays;

/** Summaries of per-unit or per-pixel values that may contain NaN (undefined) entries. */
final class NanStats {
    private NanStats() {
    }

    /** The mean of the non-NaN values; NaN when there are none. */
    static double mean(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    /** The largest non-NaN value; NaN when there are none. */
    static double max(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }
}
