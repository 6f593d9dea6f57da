package io.github.dl4jlocalization.listeners;

import java.util.ArrayList;
import java.util.List;

/** Builds the CSV columns and values of the {@link ListenerRecord}s. */
final class CsvValues {
    private CsvValues() {
    }

    /** {@code names}, then {@code prefix + k} for k = 0..count-1 for each prefix (per-unit columns). */
    static List<String> columns(List<String> names, int count, String... prefixes) {
        List<String> out = new ArrayList<>(names);
        for (String prefix : prefixes) {
            for (int k = 0; k < count; k++) {
                out.add(prefix + k);
            }
        }
        return out;
    }

    /** Appends each number in its shortest round-trip form. */
    static void add(List<String> values, double... numbers) {
        for (double v : numbers) {
            values.add(Double.toString(v));
        }
    }

    /** Appends each number in decimal form. */
    static void add(List<String> values, int... numbers) {
        for (int v : numbers) {
            values.add(Integer.toString(v));
        }
    }

    /** Appends each number in decimal form. */
    static void add(List<String> values, long... numbers) {
        for (long v : numbers) {
            values.add(Long.toString(v));
        }
    }
}
