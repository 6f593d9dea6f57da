package io.github.dl4jlocalization.data;

/** The two class labels of every task: 0 and 1. */
public final class Labels {
    /** Number of classes of every task. */
    public static final int COUNT = 2;

    private Labels() {
    }

    /** Returns {@code label} if it is 0 or 1, otherwise throws naming the accepted values. */
    public static int check(int label) {
        if (label != 0 && label != 1) {
            throw new IllegalArgumentException("label must be 0 or 1, got " + label);
        }
        return label;
    }
}
