package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;

import java.util.random.RandomGenerator;

/**
 * The reference code's initialiser {@code xavier_normal_init(scale)}: JAX's {@code glorot_normal}
 * (a standard normal truncated to [-2, 2], rescaled to the Glorot variance) times
 * {@code sqrt(scale)}:
 * <pre>
 *   W_ij = sqrt(scale) * sqrt(2 / (fanIn + fanOut)) / 0.87962566103423978 * z_ij,   z_ij ~ N(0,1) | |z| &lt;= 2
 * </pre>
 * 0.87962566103423978 is the standard deviation of the truncated standard normal, so
 * {@code Var(W_ij) = scale * 2 / (fanIn + fanOut)} exactly and {@code |W_ij| <= 2 * }{@link #std}.
 * {@code scale} multiplies the variance.
 */
public final class TruncatedGlorot {
    /** Standard deviation of a standard normal truncated to [-2, 2]. */
    public static final double TRUNCATED_STD = 0.87962566103423978;
    /** The truncation point, in standard deviations of the untruncated normal. */
    public static final double BOUND = 2;

    private TruncatedGlorot() {
    }

    /** {@code scale * 2 / (fanIn + fanOut)}, the variance of each draw. */
    public static double variance(double scale, int fanIn, int fanOut) {
        return Require.positive("initScale", scale) * 2.0
                / ((double) Require.atLeast("fanIn", fanIn, 1) + Require.atLeast("fanOut", fanOut, 1));
    }

    /**
     * {@code sqrt(scale * 2 / (fanIn + fanOut)) / 0.87962566103423978}, the factor applied to the
     * truncated standard normal (so every draw lies in {@code [-2 std, 2 std]}).
     */
    public static double std(double scale, int fanIn, int fanOut) {
        return Math.sqrt(variance(scale, fanIn, fanOut)) / TRUNCATED_STD;
    }

    /**
     * {@code count} independent draws, in the order they come from {@code random}.
     *
     * @param scale  the variance multiplier ({@code init_scale}), finite and > 0
     * @param fanIn  >= 1
     * @param fanOut >= 1
     * @param count  >= 0
     * @param random the generator (by rejection: standard normals outside [-2, 2] are redrawn)
     */
    public static double[] sample(double scale, int fanIn, int fanOut, int count, RandomGenerator random) {
        double factor = std(scale, fanIn, fanOut);
        Require.atLeast("count", count, 0);
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > BOUND);
            out[i] = factor * z;
        }
        return out;
    }
}
