package io.github.dl4jlocalization.util;

import org.bytedeco.javacpp.Pointer;

import java.util.Locale;

/**
 * The memory this JVM may use, and the check that a request fits in it before anything is
 * allocated: a size that cannot fit fails at once with one line naming the parameter, the memory it
 * needs, the limit in force and how to raise it, instead of an {@code OutOfMemoryError} minutes
 * later.
 *
 * <p>Two limits: the Java heap ({@link Runtime#maxMemory()}, set by {@code -Xmx}), which holds the
 * plugin's own arrays (data-model tables, sampled batches, records), and ND4J's off-heap memory
 * (JavaCPP's {@link Pointer#maxBytes()}, by default the heap cap too, set by
 * {@code -Dorg.bytedeco.javacpp.maxBytes}), which holds the networks' parameters, gradients,
 * activations and batches.
 */
public final class MemoryBudget {
    private MemoryBudget() {
    }

    /** The heap this JVM may use, bytes. */
    public static long heapBytes() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The off-heap memory ND4J may allocate, bytes (JavaCPP's limit; unlimited as Long.MAX_VALUE). */
    public static long offHeapBytes() {
        long max = Pointer.maxBytes();
        return max > 0 ? max : Long.MAX_VALUE;
    }

    /**
     * Requires {@code bytes} of heap for {@code what}.
     *
     * @param parameter the parameter that sets the size, named in the message
     * @param value     its value
     * @throws IllegalArgumentException naming the parameter, the need, the limit and how to raise it
     */
    public static void requireHeap(String parameter, Object value, double bytes, String what) {
        require(parameter, value, bytes, heapBytes(), "heap", what, "-Xmx");
    }

    /** Requires {@code bytes} of ND4J off-heap memory for {@code what} (see {@link #requireHeap}). */
    public static void requireOffHeap(String parameter, Object value, double bytes, String what) {
        require(parameter, value, bytes, offHeapBytes(), "off-heap (ND4J)", what,
                "-Dorg.bytedeco.javacpp.maxBytes (by default the -Xmx heap cap)");
    }

    private static void require(String parameter, Object value, double bytes, long limit, String kind, String what,
                                String option) {
        if (bytes > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s %s needs about %s of %s memory for %s, "
                            + "more than the %s this JVM may use: lower %s, or raise the limit with %s "
                            + "(the localization launcher reads LOCALIZATION_JAVA_OPTS, default -Xmx768m)",
                    parameter, value, size(bytes), kind, what, size(limit), parameter, option));
        }
    }

    /** A byte count for people: {@code 768 MB}, {@code 1.6 GB}, {@code 120 TB}. */
    public static String size(double bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB", "PB", "EB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", v)
                : String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.3g %s", v, units[u]);
    }
}
