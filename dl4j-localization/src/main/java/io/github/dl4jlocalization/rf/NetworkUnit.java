package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A unit of a network whose receptive field is measured: a layer, a channel (a feature map's
 * channel, or a dense layer's unit) or every channel together, and a position on the layer's
 * feature map (null: its centre).
 *
 * @param layer    the layer's name, or its index in a multi-layer network
 * @param channel  the channel or dense unit, >= 0, or {@link #ALL_CHANNELS} for their sum
 * @param position one coordinate per axis of the layer's map, or null for the centre
 *                 ({@link TheoreticalReceptiveField#centre}); empty for a dense layer
 */
public record NetworkUnit(String layer, int channel, long[] position) implements Serializable {
    /** The channel value meaning the sum over every channel at the position. */
    public static final int ALL_CHANNELS = -1;

    /** Validates and copies the position. */
    public NetworkUnit {
        Require.nonNull("layer", layer);
        Require.atLeast("channel", channel, ALL_CHANNELS);
        position = position == null ? null : position.clone();
    }

    /** Channel {@code channel} at the centre of {@code layer}'s map (or unit {@code channel} of a dense layer). */
    public static NetworkUnit centre(String layer, int channel) {
        return new NetworkUnit(layer, channel, null);
    }

    /** Channel {@code channel} at {@code position} of {@code layer}'s map. */
    public static NetworkUnit at(String layer, int channel, long... position) {
        return new NetworkUnit(layer, channel, position);
    }

    @Override
    public long[] position() {
        return position == null ? null : position.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkUnit u && layer.equals(u.layer) && channel == u.channel
                && Arrays.equals(position, u.position);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * layer.hashCode() + channel) + Arrays.hashCode(position);
    }

    /** E.g. {@code "layer1 c3 @ [20]"}, {@code "layer0 unit 7"}, {@code "layer2 all channels @ centre"}. */
    @Override
    public String toString() {
        String what = channel == ALL_CHANNELS ? "all channels" : "c" + channel;
        if (position != null && position.length == 0) {
            return layer + " unit " + (channel == ALL_CHANNELS ? "(all)" : channel);
        }
        return layer + " " + what + " @ " + (position == null ? "centre" : Arrays.toString(position));
    }
}
