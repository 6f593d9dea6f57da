package io.github.dl4jlocalization.data;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Counter-based random streams: the stream of batch {@code t} of a run with seed {@code s} is a
 * pure function of {@code (s, t)}, so a batch's content does not depend on which thread draws it,
 * on prefetching, or on where a run was resumed.
 *
 * <p>Stream {@code (s, t)} is a {@link SplittableRandom} (SplitMix64 with a 64-bit state, period
 * 2^64, and Java 17's ziggurat {@code nextGaussian}) seeded with a hash of (s, t) through two
 * rounds of the SplitMix64 finaliser (Stafford variant 13), so neighbouring counters give
 * unrelated streams.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** The stream of counter {@code index} (e.g. batch t) under {@code seed}. */
    public static RandomGenerator of(long seed, long index) {
        return new SplittableRandom(key(seed, index));
    }

    /** The stream of counter {@code (index, sub)}, e.g. sample i of batch t. */
    public static RandomGenerator of(long seed, long index, long sub) {
        return new SplittableRandom(key(key(seed, index), sub));
    }

    /** The 64-bit key of {@code (seed, index)}. */
    static long key(long seed, long index) {
        return mix(mix(seed) + 0x9E3779B97F4A7C15L * (index + 1));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
