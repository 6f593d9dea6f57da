package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.nn.CircularPaddingPreProcessor;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.fraction.Fraction;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The theoretical receptive field of every layer of a DL4J network: for each layer, along each
 * spatial axis of the input, the field size r, the jump j and the start s ({@link AxisField}), and
 * for any unit the input region it can see ({@link InputRegion}). The region a unit's output can
 * depend on; how strongly it does is its {@link EffectiveReceptiveField}.
 *
 * <h2>Arithmetic</h2>
 * From the input ({@code r_0 = 1, j_0 = 1, s_0 = 0}), a layer with kernel k, dilation d, stride s
 * and leading padding p:
 * <pre>
 *   r_l = r_{l-1} + (k_l - 1) d_l j_{l-1}
 *   j_l = j_{l-1} s_l
 *   s_l = s_{l-1} - p_l j_{l-1}
 * </pre>
 * so that unit u of layer l sees input positions {@code s_l + u j_l .. s_l + u j_l + r_l - 1}
 * (Araujo, Norris &amp; Sim, "Computing receptive fields of convolutional neural networks",
 * Distill 2019). The leading padding p is the layer's explicit padding in
 * {@code ConvolutionMode.Truncate} and {@code Strict}, DL4J's {@code ((out - 1) s + e - in) / 2}
 * (integer division, {@code e = (k - 1) d + 1}) in {@code Same}, and {@code e - 1} in
 * {@code Causal}. Pooling layers are windows like convolutions; zero padding and cropping layers
 * are windows of size 1 with padding p (negative for cropping); space-to-depth is a window of the
 * block size with that stride; nearest-neighbour upsampling by f divides the jump by f; a forward
 * recurrent layer sees every earlier step. Dense and output layers, global pooling, bidirectional
 * and attention layers mix every site: their fields are full (jump 0). Activation, batch
 * normalisation, dropout, local response normalisation and per-site output layers act site by
 * site (identity). A field spans every input channel.
 *
 * <p>The table's values are the unclipped arithmetic (a field may reach into padding: negative
 * start, or past the end); {@link #region} clips to the input at every layer, since a padded
 * position holds no input, and wraps around the ring where the network pads circularly
 * ({@link CircularPaddingPreProcessor}, as {@code ConvolutionalNetwork} does): a field centred on
 * site 0 of a ring of 40 sites is then {@code 0..4 + 36..39}. After upsampling, units of a layer see
 * different numbers of sites: r is then the largest field over its units.
 *
 * <h2>Graphs</h2>
 * For a {@code ComputationGraphConfiguration}, a vertex where paths merge (merge, element-wise,
 * scale/shift vertices) sees the union of what its inputs see; regions are unions along each
 * axis (their product contains the exact union and equals it when the paths' regions are nested,
 * as in residual and inception blocks). The inputs of a merge must reach it with the same jump.
 * Fields are taken on one network input (the first, or the one named); other inputs count as
 * full-field sources.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * TheoreticalReceptiveField rf = TheoreticalReceptiveField.of(net.getLayerWiseConfigurations(),
 *         InputType.convolutionalFlat(28, 28, 1));
 * System.out.println(rf.summary());                              // one row per layer
 * InputRegion region = rf.region("layer3", rf.centre("layer3")); // what the centre unit sees
 * }</pre>
 * Immutable and serializable.
 */
public final class TheoreticalReceptiveField implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int WIDTH = 118;

    private final FieldGraph graph;
    private final List<LayerField> layers;
    /** Node index of each listed layer, in order; the input first. */
    private final int[] listed;

    private TheoreticalReceptiveField(FieldGraph graph) {
        this.graph = graph;
        List<LayerField> rows = new ArrayList<>();
        List<Integer> nodes = new ArrayList<>();
        for (int v = 0; v < graph.nodes().size(); v++) {
            FieldGraph.Node n = graph.nodes().get(v);
            if (n.listed) {
                rows.add(row(v));
                nodes.add(v);
            }
        }
        this.layers = List.copyOf(rows);
        this.listed = nodes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The fields of a multi-layer network whose input type is inferred from its first layer:
     * a {@link CircularPaddingPreProcessor} or {@code FeedForwardToCnnPreProcessor} before it, or a
     * dense first layer's {@code nIn}.
     *
     * @throws IllegalArgumentException when the input type cannot be inferred (give it), or for an
     *                                  unsupported layer
     */
    public static TheoreticalReceptiveField of(MultiLayerConfiguration configuration) {
        Require.nonNull("configuration", configuration);
        return of(configuration, inferInputType(configuration.getInputPreProcess(0),
                configuration.getConf(0).getLayer()));
    }

    /**
     * The fields of a multi-layer network with input of {@code type}.
     *
     * @throws IllegalArgumentException for an unsupported layer or a type that does not fit
     */
    public static TheoreticalReceptiveField of(MultiLayerConfiguration configuration, InputType type) {
        return new TheoreticalReceptiveField(FieldGraph.of(Require.nonNull("configuration", configuration).clone(),
                type));
    }

    /**
     * The fields of a computation graph on its first input, with one input type per network input
     * (in order), or none to infer them like {@link #of(MultiLayerConfiguration)} from the
     * vertices each input feeds.
     */
    public static TheoreticalReceptiveField of(ComputationGraphConfiguration configuration, InputType... types) {
        Require.nonNull("configuration", configuration);
        return of(configuration, configuration.getNetworkInputs().get(0), types);
    }

    /**
     * The fields of a computation graph on its input {@code input}; see
     * {@link #of(ComputationGraphConfiguration, InputType...)}.
     */
    public static TheoreticalReceptiveField of(ComputationGraphConfiguration configuration, String input,
                                               InputType... types) {
        Require.nonNull("configuration", configuration);
        ComputationGraphConfiguration conf = configuration.clone();
        InputType[] t = types.length == 0 ? inferInputTypes(conf) : types;
        return new TheoreticalReceptiveField(FieldGraph.of(conf, input, t));
    }

    /**
     * The fields of a {@link MultiLayerNetwork} or {@link ComputationGraph} (on its first input),
     * with the given input types or, when none are given, inferred.
     */
    public static TheoreticalReceptiveField of(Model network, InputType... types) {
        if (network instanceof MultiLayerNetwork net) {
            Require.that(types.length <= 1, "inputTypes", types.length + " types", "at most one");
            return types.length == 0 ? of(net.getLayerWiseConfigurations())
                    : of(net.getLayerWiseConfigurations(), types[0]);
        }
        if (network instanceof ComputationGraph graph) {
            return of(graph.getConfiguration(), types);
        }
        throw new IllegalArgumentException("network must be a MultiLayerNetwork or a ComputationGraph, got "
                + (network == null ? null : network.getClass().getName()));
    }

    /** The input type implied by a first layer and its preprocessor. */
    private static InputType inferInputType(InputPreProcessor pre, Layer first) {
        if (pre instanceof CircularPaddingPreProcessor c) {
            return InputType.feedForward(c.length());
        }
        if (pre instanceof FeedForwardToCnnPreProcessor f) {
            return InputType.convolutionalFlat(f.getInputHeight(), f.getInputWidth(), f.getNumChannels());
        }
        Layer l = first instanceof FrozenLayer f ? f.getLayer()
                : first instanceof FrozenLayerWithBackprop f ? f.getUnderlying() : first;
        if (pre == null && l instanceof FeedForwardLayer ff && !(l instanceof ConvolutionLayer) && ff.getNIn() > 0) {
            return InputType.feedForward(ff.getNIn());
        }
        throw new IllegalArgumentException("inputType cannot be inferred from the first layer (" + first.getClass()
                .getSimpleName() + "): give it, e.g. InputType.convolutional(h, w, c), InputType.recurrent(size, "
                + "length) or InputType.feedForward(n)");
    }

    private static InputType[] inferInputTypes(ComputationGraphConfiguration conf) {
        List<String> inputs = conf.getNetworkInputs();
        InputType[] types = new InputType[inputs.size()];
        for (int i = 0; i < types.length; i++) {
            String in = inputs.get(i);
            String consumer = conf.getVertexInputs().entrySet().stream().filter(e -> e.getValue().contains(in))
                    .map(java.util.Map.Entry::getKey).filter(v -> conf.getVertices().get(v) instanceof LayerVertex)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("inputType of input " + in
                            + " cannot be inferred (it feeds no layer): give the input types"));
            LayerVertex lv = (LayerVertex) conf.getVertices().get(consumer);
            types[i] = inferInputType(lv.getPreProcessor(), lv.getLayerConf().getLayer());
        }
        return types;
    }

    // ---- the table -------------------------------------------------------------------------------

    private LayerField row(int v) {
        FieldGraph.Node n = graph.nodes().get(v);
        List<AxisField> axes = new ArrayList<>();
        if (n.full) {
            Intervals[] region = graph.inputUnits(v, null, true);
            if (region != null && Arrays.stream(region).noneMatch(Intervals::isEmpty)) {
                for (Intervals r : region) {
                    axes.add(new AxisField(r.hull().length(), Fraction.ZERO, r.hull().first()));
                }
            }
        } else {
            Intervals[] zero = units(new long[n.shape.length]);
            Intervals[] virtual = graph.inputUnits(v, zero, false);
            if (virtual != null) {
                boolean affine = graph.affineBelow(v);
                for (int a = 0; a < virtual.length; a++) {
                    long size = virtual[a].hull().length();
                    for (long u = 1; !affine && u < n.shape[a]; u++) {
                        long[] position = new long[n.shape.length];
                        position[a] = u;
                        size = Math.max(size, graph.inputUnits(v, units(position), false)[a].hull().length());
                    }
                    axes.add(new AxisField(size, n.jump[a], virtual[a].hull().first()));
                }
            }
        }
        String padding = n.padding;
        if (!n.edges.isEmpty()) {   // a preprocessor that pads (circular padding) shows on its layer's row
            FieldGraph.Node below = graph.nodes().get(n.edges.get(0).from());
            if (!below.listed && !below.padding.isEmpty()) {
                padding = below.padding + (padding.isEmpty() ? "" : ", " + padding);
            }
        }
        return new LayerField(n.name, n.type, n.outputType, n.shape, n.full, axes, padding);
    }

    private static Intervals[] units(long[] position) {
        Intervals[] sets = new Intervals[position.length];
        for (int a = 0; a < sets.length; a++) {
            sets[a] = Intervals.of(position[a], position[a]);
        }
        return sets;
    }

    /** The input the fields are taken on. */
    public InputGeometry input() {
        return graph.input();
    }

    /** Every layer (and graph vertex) in order, the input first. */
    public List<LayerField> layers() {
        return layers;
    }

    /**
     * The layer named {@code layer}, or, for a number i, the i-th layer after the input (a
     * multi-layer network's layer index).
     *
     * @throws IllegalArgumentException naming the layers when there is none
     */
    public LayerField layer(String layer) {
        return layers.get(indexOf(layer));
    }

    /** The node index of a layer. */
    int node(String layer) {
        return listed[indexOf(layer)];
    }

    private int indexOf(String layer) {
        Require.nonNull("layer", layer);
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).name().equals(layer)) {
                return i;
            }
        }
        if (layer.matches("\\d{1,9}") && Integer.parseInt(layer) + 1 < layers.size()) {
            return Integer.parseInt(layer) + 1;
        }
        throw new IllegalArgumentException("layer must be a layer name or index, one of "
                + layers.stream().skip(1).map(LayerField::name).toList() + " or 0.." + (layers.size() - 2) + ", got '"
                + layer + "'");
    }

    /**
     * The central unit of a layer's feature map, {@code (n_a - 1) / 2} (integer division) along each
     * axis; empty for a full-field layer, whose units all see the same region.
     */
    public long[] centre(String layer) {
        LayerField f = layer(layer);
        if (f.fullField()) {
            return new long[0];
        }
        long[] shape = f.shape();
        long[] c = new long[shape.length];
        for (int a = 0; a < c.length; a++) {
            c[a] = (shape[a] - 1) / 2;
        }
        return c;
    }

    /**
     * The input region that the unit at {@code position} of {@code layer} can see (any of its
     * channels), clipped to the input and wrapped around rings. A full-field layer's units all see
     * the same region: give no position.
     *
     * @throws IllegalArgumentException for an unknown layer or a position off its map
     */
    public InputRegion region(String layer, long... position) {
        int v = node(layer);
        FieldGraph.Node n = graph.nodes().get(v);
        Intervals[] sets;
        if (n.full) {
            Require.that(position.length == 0, "position", Arrays.toString(position),
                    "none (every unit of " + layer + " sees the same region)");
            sets = graph.inputUnits(v, null, true);
        } else {
            Require.that(position.length == n.shape.length, "position", Arrays.toString(position),
                    n.shape.length + " coordinates on " + layer + "'s map " + Arrays.toString(n.shape));
            for (int a = 0; a < position.length; a++) {
                Require.that(position[a] >= 0 && position[a] < n.shape[a], "position[" + a + "]", position[a],
                        "in [0, " + (n.shape[a] - 1) + "]");
            }
            sets = graph.inputUnits(v, units(position), true);
        }
        if (sets == null) {
            sets = new Intervals[graph.input().rank()];
            Arrays.fill(sets, Intervals.EMPTY);
        }
        return new InputRegion(graph.input().shape(), sets);
    }

    /**
     * The table, in the style of DL4J's {@code summary()}: per layer its output, and along each
     * input axis the field size, jump and start ({@code 9x9} for two axes), and the padding.
     */
    public String summary() {
        String rule = "=".repeat(WIDTH);
        String format = "%-44s %-18s %-12s %-9s %-10s %s%n";
        StringBuilder s = new StringBuilder(rule).append('\n');
        s.append(String.format(Locale.ROOT, format, "LayerName (LayerType)", "Output", "Field size", "Jump", "Start",
                "Padding"));
        s.append(rule).append('\n');
        for (LayerField f : layers) {
            String size = "-";
            String jump = "-";
            String start = "-";
            if (!f.axes().isEmpty()) {
                StringJoiner r = new StringJoiner("x");
                StringJoiner j = new StringJoiner("x");
                StringJoiner st = new StringJoiner(",");
                for (AxisField a : f.axes()) {
                    r.add(Long.toString(a.size()));
                    j.add(a.jumpText());
                    st.add(Long.toString(a.start()));
                }
                size = r + (f.fullField() ? " (all)" : "");
                jump = j.toString();
                start = st.toString();
            }
            s.append(String.format(Locale.ROOT, format, f.name() + " (" + f.type() + ")", shapeText(f), size, jump,
                    start, f.padding()));
        }
        s.append("-".repeat(WIDTH)).append('\n');
        s.append("Fields on ").append(graph.input()).append(". Along each axis, in input sites: unit u sees ")
                .append("start + u jump .. start + u jump + size - 1\n");
        s.append("before clipping to the input; (all): every unit sees the whole field shown (dense, global ")
                .append("pooling); a ring wraps around.\n");
        return s.append(rule).append('\n').toString();
    }

    private static String shapeText(LayerField f) {
        long[] shape = f.outputType().getShape(false);
        return Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TheoreticalReceptiveField t && layers.equals(t.layers) && input().equals(t.input());
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }

    @Override
    public String toString() {
        return "TheoreticalReceptiveField[" + graph.input() + ", " + (layers.size() - 1) + " layers]";
    }
}
