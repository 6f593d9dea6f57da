package io.github.dl4jlocalization.data;

import org.apache.commons.math3.special.Erf;

import java.util.random.RandomGenerator;

/**
 * Counter-based random streams: the stream of batch {@code t} of a run with seed {@code s} is a
 * pure function of {@code (s, t)}, so a batch's content does not depend on which thread draws it,
 * on prefetching, or on where a run was resumed.
 *
 * <p>Stream {@code (s, t)} is a SplitMix64 generator (the algorithm of {@link java.util.SplittableRandom}:
 * a Weyl sequence with the golden-ratio increment through the Stafford variant 13 finaliser, 64-bit
 * state, period 2^64) seeded with a hash of (s, t) through two rounds of the same finaliser, so
 * neighbouring counters give unrelated streams. Its {@link RandomGenerator#nextGaussian()} is the
 * ziggurat method of Marsaglia &amp; Tsang (J. Stat. Softw. 5(8), 2000) with 256 layers, drawing the
 * layer and the abscissa from disjoint bits of one 64-bit word (avoiding the correlation noted by
 * Doornik 2005): an exact N(0, 1) sampler whose common path (about 99% of draws) is a single
 * {@code nextLong}, a multiplication and a comparison, small enough to be inlined into the caller's
 * loop. (The JDK generators share one out-of-line Gaussian routine whose {@code nextLong} call
 * becomes a megamorphic interface call, 1.7x slower, as soon as a program uses three generator types.)
 *
 * <p>Streams are cheap to create and not thread-safe; use one per thread and batch.
 */
public final class RandomStreams {
    private RandomStreams() {
    }

    /** The stream of counter {@code index} (e.g. batch t) under {@code seed}. */
    public static RandomGenerator of(long seed, long index) {
        return new SplitMix64(key(seed, index));
    }

    /** The stream of counter {@code (index, sub)}, e.g. sample i of batch t. */
    public static RandomGenerator of(long seed, long index, long sub) {
        return new SplitMix64(key(key(seed, index), sub));
    }

    /** The 64-bit key of {@code (seed, index)}. */
    static long key(long seed, long index) {
        return mix(mix(seed) + SplitMix64.GOLDEN_GAMMA * (index + 1));
    }

    /** The Stafford variant 13 finaliser of SplitMix64: a bijection of the 64-bit words. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** SplitMix64 with the ziggurat Gaussian; everything else from {@link RandomGenerator}'s defaults. */
    private static final class SplitMix64 implements RandomGenerator {
        /** 2^64 / golden ratio, odd: the Weyl increment (as in SplittableRandom). */
        static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

        private long state;

        SplitMix64(long seed) {
            this.state = seed;
        }

        @Override
        public long nextLong() {
            return mix(state += GOLDEN_GAMMA);
        }

        /**
         * Bits 0-7 choose the layer i, bits 11-63 (signed) the abscissa {@code x} uniform on
         * {@code [-x_i, x_i)}; x is returned at once when it lies in the part of the layer under
         * the density's curve at every height, {@code |x| < x_{i+1}}.
         */
        @Override
        public double nextGaussian() {
            long u = nextLong();
            int layer = (int) u & Ziggurat.LAYER_MASK;
            double x = (u >> 11) * Ziggurat.SCALED_WIDTH[layer];
            if (Math.abs(x) < Ziggurat.WIDTH[layer + 1]) {
                return x;
            }
            return Ziggurat.rare(this, layer, x);
        }
    }

    /**
     * Tables of the 256-layer ziggurat for {@code f(x) = exp(-x^2/2)}, computed once: layers
     * {@code i = 1..255} are the rectangles {@code [0, x_i] x [f(x_i), f(x_{i+1})]} of equal area
     * {@code v}, with {@code x_1 = r} and {@code x_256 = 0}; layer 0 is the strip
     * {@code [0, r] x [0, f(r)]} plus the tail beyond r, of the same area
     * {@code v = r f(r) + int_r^inf f}, drawn as a rectangle of width {@code x_0 = v / f(r)}.
     * r (3.6541528853610088) is the root, found by bisection, for which the 255 rectangles
     * stacked from the strip reach {@code f(0) = 1} exactly.
     */
    private static final class Ziggurat {
        static final int LAYERS = 256;
        static final int LAYER_MASK = LAYERS - 1;
        /** x_0..x_256. */
        static final double[] WIDTH = new double[LAYERS + 1];
        /** f(x_i) (f(x_0) is unused: layer 0 draws its tail separately). */
        static final double[] HEIGHT = new double[LAYERS + 1];
        /** x_i / 2^52, mapping a signed 53-bit integer onto [-x_i, x_i). */
        static final double[] SCALED_WIDTH = new double[LAYERS];
        static final double R;

        static {
            double lo = 3;
            double hi = 4;
            for (int iteration = 0; iteration < 200 && lo < hi; iteration++) {
                double mid = 0.5 * (lo + hi);
                if (mid == lo || mid == hi) {
                    break;
                }
                // > 0: the 255 layers do not reach the top (v too small, r too large)
                if (topExcess(mid) > 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            R = lo;
            double area = area(R);
            WIDTH[0] = area / density(R);
            WIDTH[1] = R;
            for (int i = 1; i < LAYERS - 1; i++) {
                WIDTH[i + 1] = inverseDensity(density(WIDTH[i]) + area / WIDTH[i]);
            }
            WIDTH[LAYERS] = 0;
            for (int i = 0; i <= LAYERS; i++) {
                HEIGHT[i] = density(WIDTH[i]);
            }
            for (int i = 0; i < LAYERS; i++) {
                SCALED_WIDTH[i] = WIDTH[i] * 0x1.0p-52;
            }
        }

        private Ziggurat() {
        }

        /** The uncommon outcomes: the tail (layer 0, |x| >= r) or a wedge between two layers. */
        static double rare(SplitMix64 random, int layer, double x) {
            int i = layer;
            double y = x;
            while (true) {
                if (i == 0) {
                    // Marsaglia (1964): r + a with a ~ Exp(r) accepted w.p. exp(-a^2/2)
                    double a;
                    double b;
                    do {
                        a = -Math.log1p(-random.nextDouble()) / R;
                        b = -Math.log1p(-random.nextDouble());
                    } while (b + b < a * a);
                    return y > 0 ? R + a : -(R + a);
                }
                if (HEIGHT[i] + random.nextDouble() * (HEIGHT[i + 1] - HEIGHT[i]) < density(y)) {
                    return y;
                }
                long u = random.nextLong();
                i = (int) u & LAYER_MASK;
                y = (u >> 11) * SCALED_WIDTH[i];
                if (Math.abs(y) < WIDTH[i + 1]) {
                    return y;
                }
            }
        }

        private static double density(double x) {
            return Math.exp(-0.5 * x * x);
        }

        private static double inverseDensity(double y) {
            return Math.sqrt(-2 * Math.log(y));
        }

        /** v(r) = r f(r) + int_r^inf exp(-t^2/2) dt. */
        private static double area(double r) {
            return r * density(r) + Math.sqrt(Math.PI / 2) * Erf.erfc(r / Math.sqrt(2));
        }

        /**
         * Stacks 254 layers of area v(r) on the strip and returns the area of what is left under
         * the curve above them minus v (the top layer's area must be v); -Infinity when the
         * layers overshoot f(0) = 1 first.
         */
        private static double topExcess(double r) {
            double v = area(r);
            double x = r;
            for (int i = 1; i < LAYERS - 1; i++) {
                double y = density(x) + v / x;
                if (y >= 1) {
                    return Double.NEGATIVE_INFINITY;
                }
                x = inverseDensity(y);
            }
            return x * (1 - density(x)) - v;
        }
    }
}
