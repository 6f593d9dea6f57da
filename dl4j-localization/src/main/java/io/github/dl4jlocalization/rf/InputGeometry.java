package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The spatial layout of a network input as the receptive-field arithmetic sees it: its spatial
 * axes (one for feed-forward vectors and sequences, two for images), which of them are rings
 * (the network pads them circularly), its channels, and how an input array of a batch is laid out.
 * Sites are numbered row-major over the axes (site {@code y W + x} of an H x W image).
 *
 * <p>A feed-forward input of size D is one axis of D sites, unless the network reshapes it into
 * an image first ({@code FeedForwardToCnnPreProcessor}, e.g. from
 * {@code InputType.convolutionalFlat(h, w, c)}): it is then the h x w image it becomes.
 */
public final class InputGeometry implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How the values of one example are laid out in an input array. */
    enum Layout {
        /** {@code [B, D]}: one value per site. */
        FLAT,
        /** {@code [B, c h w]}: channel-major image, as {@code FeedForwardToCnnPreProcessor} reads it. */
        FLAT_CHANNELS_FIRST,
        /** {@code [B, C, T]} or {@code [B, C, H, W]}. */
        CHANNELS_FIRST,
        /** {@code [B, T, C]} or {@code [B, H, W, C]}. */
        CHANNELS_LAST
    }

    private final String name;
    private final InputType type;
    private final long[] shape;
    private final long channels;
    private final Layout layout;
    private final boolean[] periodic;

    private InputGeometry(String name, InputType type, long[] shape, long channels, Layout layout,
                          boolean[] periodic) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.channels = channels;
        this.layout = layout;
        this.periodic = periodic;
    }

    /**
     * The geometry of an input of {@code type}.
     *
     * @throws IllegalArgumentException for a 3-D or unknown input type, or a sequence of unknown length
     */
    static InputGeometry of(String name, InputType type) {
        Require.nonNull("inputType", type);
        if (type instanceof InputType.InputTypeFeedForward ff) {
            return new InputGeometry(name, type, new long[] {ff.getSize()}, 1, Layout.FLAT, new boolean[1]);
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat f) {
            return new InputGeometry(name, type, new long[] {f.getHeight(), f.getWidth()}, f.getDepth(),
                    Layout.FLAT_CHANNELS_FIRST, new boolean[2]);
        }
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new InputGeometry(name, type, new long[] {c.getHeight(), c.getWidth()}, c.getChannels(),
                    c.getFormat() == CNN2DFormat.NHWC ? Layout.CHANNELS_LAST : Layout.CHANNELS_FIRST, new boolean[2]);
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            Require.that(r.getTimeSeriesLength() > 0, "inputType", type,
                    "a sequence of known length (InputType.recurrent(size, length))");
            return new InputGeometry(name, type, new long[] {r.getTimeSeriesLength()}, r.getSize(),
                    r.getFormat() == RNNFormat.NWC ? Layout.CHANNELS_LAST : Layout.CHANNELS_FIRST, new boolean[1]);
        }
        throw new IllegalArgumentException("inputType must be feed-forward, convolutional (flat) or recurrent, got "
                + type);
    }

    /** This geometry with the axes that the network pads circularly marked. */
    InputGeometry withPeriodic(boolean[] rings) {
        return new InputGeometry(name, type, shape, channels, layout, rings.clone());
    }

    /** The input's name (a graph's input name, {@code "input"} for a multi-layer network). */
    public String name() {
        return name;
    }

    /** The DL4J input type. */
    public InputType inputType() {
        return type;
    }

    /** The number of spatial axes. */
    public int rank() {
        return shape.length;
    }

    /** The length of each spatial axis. */
    public long[] shape() {
        return shape.clone();
    }

    /** Which axes are rings (padded circularly by the network). */
    public boolean[] periodic() {
        return periodic.clone();
    }

    /** The number of channels of each site. */
    public long channels() {
        return channels;
    }

    /** The number of sites, the product of the axis lengths. */
    public int sites() {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Math.toIntExact(n);
    }

    /**
     * Per example of a batch of this input, per site, the sum over channels: {@code result[b][site]}.
     *
     * @throws IllegalArgumentException when the array does not have this input's shape
     */
    double[][] sumOverChannels(INDArray batch) {
        long per = (long) sites() * channels;
        Require.that(batch.size(0) >= 1 && batch.length() == batch.size(0) * per, "input array shape",
                Arrays.toString(batch.shape()), "a batch of " + type);
        int b = (int) batch.size(0);
        int n = sites();
        int c = (int) channels;
        double[] flat = batch.dup('c').data().asDouble();
        double[][] out = new double[b][n];
        for (int e = 0; e < b; e++) {
            int base = (int) (e * per);
            for (int s = 0; s < n; s++) {
                double sum = 0;
                for (int k = 0; k < c; k++) {
                    sum += layout == Layout.CHANNELS_LAST ? flat[base + s * c + k] : flat[base + k * n + s];
                }
                out[e][s] = sum;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputGeometry g && name.equals(g.name) && type.equals(g.type)
                && Arrays.equals(shape, g.shape) && Arrays.equals(periodic, g.periodic);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(periodic);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(name).append(": ");
        for (int a = 0; a < shape.length; a++) {
            s.append(a == 0 ? "" : " x ").append(shape[a]).append(periodic[a] ? " (ring)" : "");
        }
        return s.append(" sites, ").append(channels).append(channels == 1 ? " channel" : " channels").toString();
    }
}
