package io.github.dl4jlocalization.rf;

import org.deeplearning4j.nn.conf.inputs.InputType;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One row of a {@link TheoreticalReceptiveField}: a layer (or graph vertex, or the input), its
 * output, and the receptive field of its units along each spatial axis of the input.
 */
public final class LayerField implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String type;
    private final InputType outputType;
    private final long[] shape;
    private final boolean fullField;
    private final List<AxisField> axes;
    private final String padding;

    LayerField(String name, String type, InputType outputType, long[] shape, boolean fullField, List<AxisField> axes,
               String padding) {
        this.name = name;
        this.type = type;
        this.outputType = outputType;
        this.shape = shape.clone();
        this.fullField = fullField;
        this.axes = List.copyOf(axes);
        this.padding = padding;
    }

    /** The layer's name (DL4J's {@code layerName}, {@code "layer<i>"} by default), or the input's. */
    public String name() {
        return name;
    }

    /** The DL4J layer or vertex class, e.g. {@code "Convolution1DLayer"}. */
    public String type() {
        return type;
    }

    /** DL4J's type of the layer's output activations. */
    public InputType outputType() {
        return outputType;
    }

    /**
     * The positions of the layer's units on the input's axes (e.g. {@code [40]}, {@code [12, 12]});
     * for a full-field layer its own spatial shape (empty for a dense layer).
     */
    public long[] shape() {
        return shape.clone();
    }

    /** Whether every unit sees the same input sites (dense layers, global pooling, and all above them). */
    public boolean fullField() {
        return fullField;
    }

    /**
     * The field along each input axis; for a full-field layer the region every unit sees (jump 0);
     * empty when no path leads from the input to the layer.
     */
    public List<AxisField> axes() {
        return axes;
    }

    /** How the layer pads: its convolution mode, {@code "circular"}, {@code "zero"}, or {@code ""}. */
    public String padding() {
        return padding;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerField f && name.equals(f.name) && type.equals(f.type) && Arrays.equals(shape, f.shape)
                && fullField == f.fullField && axes.equals(f.axes) && padding.equals(f.padding);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + axes.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "LayerField[" + name + " (" + type + "), shape=" + Arrays.toString(shape)
                + (fullField ? ", full field" : "") + ", axes=" + axes + "]";
    }
}
