package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.nn.CircularPaddingPreProcessor;
import io.github.dl4jlocalization.util.Require;
import org.apache.commons.math3.fraction.Fraction;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.L2Vertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PoolHelperVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.graph.StackVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.graph.UnstackVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Convolution3D;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.LocallyConnected1D;
import org.deeplearning4j.nn.conf.layers.LocallyConnected2D;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.conf.layers.misc.ElementWiseMultiplicationLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network configuration as the receptive-field arithmetic sees it: a DAG of nodes (the input,
 * input preprocessors, layers, graph vertices) in topological order, each either <em>spatial</em>
 * (its units sit on the same axes as the input, each edge maps them to the units below with one
 * {@link AxisMap} per axis) or <em>full</em> (every unit sees every unit below: dense layers,
 * global pooling, attention). Built from a {@code MultiLayerConfiguration} or a
 * {@code ComputationGraphConfiguration} with DL4J's own shape inference; unsupported layer types
 * fail with their name.
 */
final class FieldGraph implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One DL4J layer, vertex, preprocessor or the input. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;
        final String name;
        final String type;
        /** Whether the table lists it (layers, vertices and the input; not preprocessors). */
        final boolean listed;
        final InputType outputType;
        /** Spatial nodes: the units' shape on the input's axes; full nodes: the layer's own spatial shape. */
        final long[] shape;
        final boolean full;
        /** Units of a sequence flattened into the batch by {@code RnnToFeedForwardPreProcessor}. */
        final boolean distributed;
        final List<Edge> edges;
        /** Spatial nodes: the jump per axis. */
        final Fraction[] jump;
        /** How the layer pads (e.g. "Same", "circular"), or "". */
        final String padding;

        Node(String name, String type, boolean listed, InputType outputType, long[] shape, boolean full,
             boolean distributed, List<Edge> edges, Fraction[] jump, String padding) {
            this.name = name;
            this.type = type;
            this.listed = listed;
            this.outputType = outputType;
            this.shape = shape;
            this.full = full;
            this.distributed = distributed;
            this.edges = List.copyOf(edges);
            this.jump = jump;
            this.padding = padding;
        }
    }

    /**
     * An edge from node {@code from} (below): the per-axis maps, or null when every unit of the
     * node depends on every unit below.
     */
    record Edge(int from, AxisMap[] maps) implements Serializable {
        boolean everything() {
            return maps == null;
        }
    }

    private final List<Node> nodes;
    private final Map<String, Integer> byName;
    private final InputGeometry input;
    private final int inputNode;

    private FieldGraph(List<Node> nodes, InputGeometry input, int inputNode) {
        this.nodes = List.copyOf(nodes);
        this.inputNode = inputNode;
        Map<String, Integer> names = new LinkedHashMap<>();
        boolean[] rings = new boolean[input.rank()];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.listed) {
                names.put(n.name, i);
            }
            for (Edge e : n.edges) {
                for (int a = 0; e.maps != null && a < e.maps.length; a++) {
                    rings[a] |= e.maps[a] instanceof AxisMap.Wrap;
                }
            }
        }
        this.byName = names;
        this.input = input.withPeriodic(rings);
    }

    List<Node> nodes() {
        return nodes;
    }

    InputGeometry input() {
        return input;
    }

    int inputNode() {
        return inputNode;
    }

    /** The index of the listed node {@code name}, or -1. */
    int indexOf(String name) {
        return byName.getOrDefault(name, -1);
    }

    // ---- propagation ---------------------------------------------------------------------------

    /**
     * The units of the input that the units {@code units} (one set per axis) of node
     * {@code target} depend on; {@code units == null} means all of them. Exact: clipped at every
     * node to its units and wrapped on rings; otherwise the table's unclipped arithmetic. Where
     * several paths meet, the sets are united per axis. Null when no path reaches the input.
     */
    Intervals[] inputUnits(int target, Intervals[] units, boolean exact) {
        Map<Integer, Intervals[]> requests = new HashMap<>();
        Set<Integer> everything = new HashSet<>();
        if (units == null) {
            everything.add(target);
        } else {
            requests.put(target, units);
        }
        for (int v = target; v >= 0; v--) {
            Node node = nodes.get(v);
            Intervals[] sets = everything.contains(v) ? allUnits(node) : requests.get(v);
            if (sets == null && !everything.contains(v)) {
                continue;
            }
            if (v == inputNode) {
                return sets;
            }
            for (Edge e : node.edges) {
                if (e.everything() || sets == null) {
                    everything.add(e.from);
                    continue;
                }
                Node below = nodes.get(e.from);
                Intervals[] mapped = new Intervals[e.maps.length];
                for (int a = 0; a < mapped.length; a++) {
                    Intervals m = e.maps[a].below(sets[a], exact);
                    mapped[a] = exact ? m.clip(below.shape[a]) : m;
                }
                Intervals[] previous = requests.get(e.from);
                if (previous != null) {
                    for (int a = 0; a < mapped.length; a++) {
                        mapped[a] = mapped[a].union(previous[a]);
                    }
                }
                requests.put(e.from, mapped);
            }
        }
        return null;
    }

    /** Every unit of a spatial node, per axis; null for a full node (its units are all alike). */
    private static Intervals[] allUnits(Node node) {
        if (node.full) {
            return null;
        }
        Intervals[] all = new Intervals[node.shape.length];
        for (int a = 0; a < all.length; a++) {
            all[a] = Intervals.of(0, node.shape[a] - 1);
        }
        return all;
    }

    /** Whether every map below {@code target} is affine and no full node lies below it. */
    boolean affineBelow(int target) {
        boolean[] seen = new boolean[nodes.size()];
        List<Integer> stack = new ArrayList<>(List.of(target));
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            if (seen[v]) {
                continue;
            }
            seen[v] = true;
            for (Edge e : nodes.get(v).edges) {
                if (e.everything() || Arrays.stream(e.maps).anyMatch(m -> !m.affine())) {
                    return false;
                }
                stack.add(e.from);
            }
        }
        return true;
    }

    // ---- construction --------------------------------------------------------------------------

    /** The graph of a multi-layer network whose input has {@code type}. */
    static FieldGraph of(MultiLayerConfiguration conf, InputType type) {
        Require.nonNull("configuration", conf);
        Require.nonNull("inputType", type);
        Builder b = new Builder(InputGeometry.of("input", upgrade(type, conf.getInputPreProcess(0))));
        int current = b.addInput();
        InputType currentType = type;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            Layer layer = conf.getConf(i).getLayer();
            String name = layer.getLayerName() != null ? layer.getLayerName() : "layer" + i;
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                InputType after = preprocessed(pre, currentType);
                current = b.addPreprocessor(name, pre, current, after);
                currentType = after;
            }
            InputType out = outputType(layer, i, currentType);
            current = b.addLayer(name, layer, current, currentType, out);
            currentType = out;
        }
        return b.build();
    }

    /**
     * The graph of a computation graph whose network inputs have {@code types} (in the order of
     * its inputs), for the receptive fields on input {@code inputName}.
     */
    static FieldGraph of(ComputationGraphConfiguration conf, String inputName, InputType... types) {
        Require.nonNull("configuration", conf);
        List<String> inputs = conf.getNetworkInputs();
        Require.that(types.length == inputs.size(), "inputTypes", types.length + " types",
                "one per network input " + inputs);
        int which = inputs.indexOf(inputName);
        Require.that(which >= 0, "input", inputName, "one of the network inputs " + inputs);
        InputType chosen = types[which];
        for (String consumer : conf.getVertexInputs().keySet()) {
            if (conf.getVertexInputs().get(consumer).contains(inputName)
                    && conf.getVertices().get(consumer) instanceof LayerVertex lv) {
                chosen = upgrade(chosen, lv.getPreProcessor());
            }
        }
        Builder b = new Builder(InputGeometry.of(inputName, chosen));
        Map<String, Integer> index = new HashMap<>();
        Map<String, InputType> typeOf = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            typeOf.put(inputs.get(i), types[i]);
            // other inputs are sources the chosen input's fields do not reach: full, no edges
            index.put(inputs.get(i), i == which ? b.addInput() : b.addSource(inputs.get(i), types[i]));
        }
        int layerIndex = 0;
        for (String name : topologicalOrder(conf)) {
            if (inputs.contains(name)) {
                continue;
            }
            GraphVertex vertex = conf.getVertices().get(name);
            List<String> from = conf.getVertexInputs().get(name);
            InputType[] in = from.stream().map(typeOf::get).toArray(InputType[]::new);
            int[] preds = from.stream().mapToInt(index::get).toArray();
            InputType out = vertex instanceof LayerVertex lv && in.length == 1
                    ? outputType(lv.getLayerConf().getLayer(), layerIndex, lv.getPreProcessor() == null ? in[0]
                    : preprocessed(lv.getPreProcessor(), in[0])) : vertex.getOutputType(layerIndex, in);
            layerIndex++;
            index.put(name, b.addVertex(name, vertex, preds, in, out));
            typeOf.put(name, out);
        }
        return b.build();
    }

    /**
     * DL4J's output type of a layer, except for global pooling, whose {@code getOutputType} in
     * 1.0.0-M2.1 returns a sequence input unchanged (its activations are {@code [B, C]}).
     */
    static InputType outputType(Layer layer, int index, InputType in) {
        if (unwrap(layer) instanceof GlobalPoolingLayer g) {
            long channels = in instanceof InputType.InputTypeRecurrent r ? r.getSize()
                    : in instanceof InputType.InputTypeConvolutional c ? c.getChannels() : -1;
            if (channels > 0) {
                return g.isCollapseDimensions() ? InputType.feedForward(channels)
                        : in instanceof InputType.InputTypeRecurrent ? InputType.recurrent(channels, 1)
                        : InputType.convolutional(1, 1, channels);
            }
        }
        return layer.getOutputType(index, in);
    }

    /**
     * A preprocessor's output type. DL4J puts a {@code RnnToFeedForwardPreProcessor} after global
     * pooling of a sequence (misled by the pooling's output type, see {@link #outputType}); it
     * passes the pooled {@code [B, C]} activations through unchanged, and so does this.
     */
    private static InputType preprocessed(InputPreProcessor pre, InputType in) {
        if (pre instanceof RnnToFeedForwardPreProcessor && in instanceof InputType.InputTypeFeedForward) {
            return in;
        }
        return pre.getOutputType(in);
    }

    /** The vertex names, each after its inputs (Kahn's algorithm; ties in declaration order). */
    private static List<String> topologicalOrder(ComputationGraphConfiguration conf) {
        Map<String, List<String>> inputsOf = conf.getVertexInputs();
        List<String> order = new ArrayList<>(conf.getNetworkInputs());
        Set<String> done = new HashSet<>(order);
        List<String> pending = new ArrayList<>(conf.getVertices().keySet());
        while (!pending.isEmpty()) {
            String next = pending.stream().filter(v -> done.containsAll(inputsOf.getOrDefault(v, List.of())))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(
                            "configuration has a cycle or a missing input among " + pending));
            pending.remove(next);
            done.add(next);
            order.add(next);
        }
        return order;
    }

    /**
     * A feed-forward input that the network first reshapes into an image is that image
     * ({@code InputType.convolutionalFlat}); any other input type is itself.
     */
    private static InputType upgrade(InputType type, InputPreProcessor first) {
        if (type instanceof InputType.InputTypeFeedForward ff && first instanceof FeedForwardToCnnPreProcessor p
                && p.getInputHeight() * p.getInputWidth() * p.getNumChannels() == ff.getSize()) {
            return InputType.convolutionalFlat(p.getInputHeight(), p.getInputWidth(), p.getNumChannels());
        }
        return type;
    }

    /** Translates DL4J layers, vertices and preprocessors into nodes, in topological order. */
    private static final class Builder {
        private final InputGeometry input;
        private final List<Node> nodes = new ArrayList<>();
        private int inputNode = -1;

        Builder(InputGeometry input) {
            this.input = input;
        }

        FieldGraph build() {
            return new FieldGraph(nodes, input, inputNode);
        }

        int add(Node node) {
            nodes.add(node);
            return nodes.size() - 1;
        }

        int addInput() {
            Fraction[] one = new Fraction[input.rank()];
            Arrays.fill(one, Fraction.ONE);
            inputNode = add(new Node(input.name(), "input", true, input.inputType(), input.shape(), false, false,
                    List.of(), one, ""));
            return inputNode;
        }

        /** An input other than the one whose fields are computed: its units are not on its axes. */
        int addSource(String name, InputType type) {
            return add(new Node(name, "input", true, type, spatialShape(type), true, false, List.of(), null, ""));
        }

        int addPreprocessor(String layerName, InputPreProcessor pre, int pred, InputType out) {
            String name = layerName + " (" + pre.getClass().getSimpleName() + ")";
            Node p = nodes.get(pred);
            if (pre instanceof ComposableInputPreProcessor composed) {
                int current = pred;
                InputType type = p.outputType;
                for (InputPreProcessor inner : composed.getInputPreProcessors()) {
                    type = preprocessed(inner, type);
                    current = addPreprocessor(layerName, inner, current, type);
                }
                return current;
            }
            if (p.full) {
                return full(name, pre, false, out, pred);
            }
            if (pre instanceof CircularPaddingPreProcessor c) {
                requireRank(name, p, 1);
                Require.that(p.shape[0] == c.length(), name, "a ring of " + c.length() + " sites",
                        "applied to " + c.length() + " sites (got " + p.shape[0] + ")");
                return spatial(name, pre, false, out, new long[] {c.length() + c.padding()}, false, "circular",
                        new Edge(pred, new AxisMap[] {new AxisMap.Wrap(c.length())}));
            }
            if (pre instanceof FeedForwardToCnnPreProcessor) {
                long[] shape = spatialShape(out);
                Require.that(Arrays.equals(shape, p.shape), name, "a reshape of " + Arrays.toString(p.shape)
                        + " into " + Arrays.toString(shape), "the network input reshaped into the image it holds");
                return identity(name, pre, false, out, p.shape, false, pred);
            }
            if (pre instanceof CnnToFeedForwardPreProcessor) {
                return identity(name, pre, false, out, p.shape, false, pred);
            }
            if (pre instanceof RnnToFeedForwardPreProcessor) {
                return identity(name, pre, false, out, p.shape, true, pred);
            }
            if (pre instanceof FeedForwardToRnnPreProcessor) {
                Require.that(p.distributed, name, "a sequence built from a feed-forward map",
                        "the inverse of a RnnToFeedForwardPreProcessor, or applied after a full field");
                return identity(name, pre, false, out, p.shape, false, pred);
            }
            throw unsupported(name, pre.getClass().getSimpleName());
        }

        @SuppressWarnings("deprecation")   // GravesBidirectionalLSTM: deprecated in DL4J, still in users' configurations
        int addLayer(String name, Layer layer, int pred, InputType in, InputType out) {
            Layer l = unwrap(layer);
            Node p = nodes.get(pred);
            String type = l == layer ? layer.getClass().getSimpleName()
                    : layer.getClass().getSimpleName() + "(" + l.getClass().getSimpleName() + ")";
            if (l instanceof Deconvolution2D || l instanceof Convolution3D) {
                throw unsupported(name, type);
            }
            if (p.full) {
                return full(name, type, true, out, pred);
            }
            if (isElementWise(l)) {
                return identity(name, type, true, out, p.shape, p.distributed, pred);
            }
            if (l instanceof ConvolutionLayer c) {
                return window(name, type, pred, out, c.getKernelSize(), c.getStride(), c.getPadding(),
                        c.getDilation(), c.getConvolutionMode());
            }
            if (l instanceof SubsamplingLayer s) {
                return window(name, type, pred, out, s.getKernelSize(), s.getStride(), s.getPadding(),
                        s.getDilation(), s.getConvolutionMode());
            }
            if (l instanceof LocallyConnected1D c) {
                return window(name, type, pred, out, new int[] {c.getKernel()}, new int[] {c.getStride()},
                        new int[] {c.getPadding()}, new int[] {c.getDilation()}, c.getCm());
            }
            if (l instanceof LocallyConnected2D c) {
                return window(name, type, pred, out, c.getKernel(), c.getStride(), c.getPadding(), c.getDilation(),
                        c.getCm());
            }
            if (l instanceof Upsampling1D u) {
                return maps(name, type, pred, out, "", a -> new AxisMap.Upsample(u.getSize()[0]));
            }
            if (l instanceof Upsampling2D u) {
                return maps(name, type, pred, out, "", a -> new AxisMap.Upsample(u.getSize()[a]));
            }
            if (l instanceof ZeroPadding1DLayer z) {
                return maps(name, type, pred, out, "zero", a -> new AxisMap.Window(1, 1, z.getPadding()[0]));
            }
            if (l instanceof ZeroPaddingLayer z) {   // {top, bottom, left, right}
                return maps(name, type, pred, out, "zero", a -> new AxisMap.Window(1, 1, z.getPadding()[2 * a]));
            }
            if (l instanceof Cropping1D c) {
                return maps(name, type, pred, out, "", a -> new AxisMap.Window(1, 1, -c.getCropping()[0]));
            }
            if (l instanceof Cropping2D c) {
                return maps(name, type, pred, out, "", a -> new AxisMap.Window(1, 1, -c.getCropping()[2 * a]));
            }
            if (l instanceof SpaceToDepthLayer s) {
                return maps(name, type, pred, out, "",
                        a -> new AxisMap.Window(s.getBlockSize(), s.getBlockSize(), 0));
            }
            if (l instanceof Bidirectional || l instanceof GravesBidirectionalLSTM || l instanceof LastTimeStep) {
                return full(name, type, true, out, pred);
            }
            if (l instanceof BaseRecurrentLayer) {
                requireRank(name, p, 1);
                return maps(name, type, pred, out, "", a -> new AxisMap.Prefix());
            }
            if (l instanceof GlobalPoolingLayer) {
                return full(name, type, true, out, pred);
            }
            if (l instanceof FeedForwardLayer) {   // dense, output, embedding, autoencoder ...
                return p.distributed ? identity(name, type, true, out, p.shape, true, pred)
                        : full(name, type, true, out, pred);
            }
            throw unsupported(name, type);
        }

        int addVertex(String name, GraphVertex vertex, int[] preds, InputType[] in, InputType out) {
            GraphVertex v = vertex instanceof FrozenVertex f ? f.getUnderlying() : vertex;
            String type = v.getClass().getSimpleName();
            if (v instanceof LayerVertex lv) {
                requireOneInput(name, preds);
                int current = preds[0];
                InputType type0 = in[0];
                if (lv.getPreProcessor() != null) {
                    type0 = preprocessed(lv.getPreProcessor(), type0);
                    current = addPreprocessor(name, lv.getPreProcessor(), current, type0);
                }
                return addLayer(name, lv.getLayerConf().getLayer(), current, type0, out);
            }
            if (v instanceof PreprocessorVertex pv) {
                requireOneInput(name, preds);
                int current = addPreprocessor(name, pv.getPreProcessor(), preds[0], out);
                Node n = nodes.get(current);
                return add(new Node(name, type, true, out, n.shape, n.full, n.distributed,
                        List.of(new Edge(current, n.full ? null : identities(n.shape.length))), n.jump, ""));
            }
            if (v instanceof MergeVertex || v instanceof ElementWiseVertex || v instanceof ScaleVertex
                    || v instanceof ShiftVertex || v instanceof StackVertex || v instanceof UnstackVertex) {
                return merge(name, type, preds, out);
            }
            if (v instanceof PoolHelperVertex) {
                requireOneInput(name, preds);
                return nodes.get(preds[0]).full ? full(name, type, true, out, preds[0])
                        : maps(name, type, preds[0], out, "", a -> new AxisMap.Window(1, 1, -1));
            }
            if (v instanceof SubsetVertex s) {
                requireOneInput(name, preds);
                Node p = nodes.get(preds[0]);
                if (p.full || !(in[0] instanceof InputType.InputTypeFeedForward)) {
                    // channels of a map (or features of a full field): the same sites
                    return p.full ? full(name, type, true, out, preds[0])
                            : identity(name, type, true, out, p.shape, p.distributed, preds[0]);
                }
                Require.that(preds[0] == inputNode && p.shape.length == 1, name,
                        "a subset of a flattened map", "a subset of the input's sites or of a map's channels");
                return maps(name, type, preds[0], out, "", a -> new AxisMap.Window(1, 1, -s.getFrom()));
            }
            if (v instanceof L2NormalizeVertex || v instanceof L2Vertex || v instanceof DuplicateToTimeSeriesVertex) {
                return full(name, type, true, out, preds);
            }
            throw unsupported(name, type);
        }

        // ---- node kinds ----------------------------------------------------------------------

        private int full(String name, Object type, boolean listed, InputType out, int... preds) {
            return add(new Node(name, typeName(type), listed, out, spatialShape(out), true, false,
                    Arrays.stream(preds).mapToObj(q -> new Edge(q, null)).toList(), null, ""));
        }

        private int identity(String name, Object type, boolean listed, InputType out, long[] shape,
                             boolean distributed, int pred) {
            return spatial(name, type, listed, out, shape, distributed, "",
                    new Edge(pred, identities(shape.length)));
        }

        private int spatial(String name, Object type, boolean listed, InputType out, long[] shape, boolean distributed,
                            String padding, Edge edge) {
            Node p = nodes.get(edge.from);
            Fraction[] jump = new Fraction[shape.length];
            for (int a = 0; a < jump.length; a++) {
                jump[a] = edge.maps[a].jump(p.jump[a]);
            }
            return add(new Node(name, typeName(type), listed, out, shape.clone(), false, distributed, List.of(edge),
                    jump, padding));
        }

        private int maps(String name, String type, int pred, InputType out, String padding,
                         java.util.function.IntFunction<AxisMap> perAxis) {
            Node p = nodes.get(pred);
            long[] shape = spatialShape(out);
            Require.that(shape.length == p.shape.length, name, "a layer on " + shape.length + " axes",
                    "one on the " + p.shape.length + " axes of its input");
            AxisMap[] m = new AxisMap[shape.length];
            for (int a = 0; a < m.length; a++) {
                m[a] = perAxis.apply(a);
            }
            return spatial(name, type, true, out, shape, false, padding, new Edge(pred, m));
        }

        /**
         * A convolution or pooling window: extent {@code (k - 1) d + 1}, stride s, and the leading
         * padding of its mode: the explicit padding (Truncate, Strict), DL4J's
         * {@code ((out - 1) s + e - in) / 2} (Same), or {@code e - 1} (Causal).
         */
        private int window(String name, String type, int pred, InputType out, int[] kernel, int[] stride,
                           int[] padding, int[] dilation, ConvolutionMode mode) {
            Node p = nodes.get(pred);
            long[] shape = spatialShape(out);
            ConvolutionMode m = mode == null ? ConvolutionMode.Truncate : mode;
            return maps(name, type, pred, out, m.name(), a -> {
                long extent = (long) (kernel[a] - 1) * (dilation == null ? 1 : dilation[a]) + 1;
                long pad = switch (m) {
                    case Same -> Math.max(0, ((shape[a] - 1) * stride[a] + extent - p.shape[a]) / 2);
                    case Causal -> extent - 1;
                    default -> padding == null ? 0 : padding[a];
                };
                return new AxisMap.Window(extent, stride[a], pad);
            });
        }

        /** Merge, element-wise, scale, shift, stack: the same sites from every input. */
        private int merge(String name, String type, int[] preds, InputType out) {
            List<Edge> edges = new ArrayList<>();
            long[] shape = null;
            Fraction[] jump = null;
            boolean distributed = false;
            for (int q : preds) {
                Node p = nodes.get(q);
                if (p.full) {
                    edges.add(new Edge(q, null));
                    continue;
                }
                if (shape == null) {
                    shape = p.shape;
                    jump = p.jump;
                    distributed = p.distributed;
                }
                Require.that(Arrays.equals(shape, p.shape) && Arrays.equals(jump, p.jump), name,
                        "inputs with shapes " + Arrays.toString(shape) + ", " + Arrays.toString(p.shape) + " and jumps "
                                + Arrays.toString(jump) + ", " + Arrays.toString(p.jump),
                        "inputs on the same sites (same shape and jump)");
                edges.add(new Edge(q, identities(p.shape.length)));
            }
            if (shape == null) {
                return full(name, type, true, out, preds);
            }
            return add(new Node(name, type, true, out, shape.clone(), false, distributed, edges, jump, ""));
        }

        private void requireRank(String name, Node p, int rank) {
            Require.that(p.shape.length == rank, name, "a layer on " + p.shape.length + " axes",
                    "a layer on " + rank + " axis (a sequence)");
        }
    }

    /** Frozen layers are their inner layer. */
    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            } else if (l instanceof FrozenLayerWithBackprop f) {
                l = f.getUnderlying();
            } else if (l instanceof TimeDistributed t) {
                return t;
            } else {
                return l;
            }
        }
    }

    /** Layers that act on each site separately (activations, normalisation, dropout, per-site outputs). */
    private static boolean isElementWise(Layer l) {
        return l instanceof ActivationLayer || l instanceof BatchNormalization || l instanceof DropoutLayer
                || l instanceof LocalResponseNormalization || l instanceof PReLULayer
                || l instanceof ElementWiseMultiplicationLayer || l instanceof LossLayer || l instanceof CnnLossLayer
                || l instanceof RnnLossLayer || l instanceof RnnOutputLayer || l instanceof MaskLayer
                || l instanceof MaskZeroLayer || l instanceof TimeDistributed || l instanceof EmbeddingSequenceLayer;
    }

    private static AxisMap[] identities(int rank) {
        AxisMap[] m = new AxisMap[rank];
        Arrays.fill(m, AxisMap.IDENTITY);
        return m;
    }

    private static void requireOneInput(String name, int[] preds) {
        Require.that(preds.length == 1, name, preds.length + " inputs", "one input");
    }

    private static String typeName(Object type) {
        return type instanceof String s ? s : type.getClass().getSimpleName();
    }

    /** The spatial shape of an activation type: [T], [H, W], or [] for feed-forward. */
    static long[] spatialShape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return new long[] {c.getHeight(), c.getWidth()};
        }
        if (type instanceof InputType.InputTypeConvolutionalFlat c) {
            return new long[] {c.getHeight(), c.getWidth()};
        }
        if (type instanceof InputType.InputTypeRecurrent r) {
            return new long[] {r.getTimeSeriesLength()};
        }
        return new long[0];
    }

    private static IllegalArgumentException unsupported(String name, String type) {
        return new IllegalArgumentException("layer " + name + " (" + type + ") is not supported by the receptive-field "
                + "arithmetic (supported: convolution 1-D/2-D, subsampling/pooling, locally connected, upsampling, "
                + "zero padding, cropping, space-to-depth, circular padding, global pooling, dense and output layers, "
                + "recurrent layers, element-wise layers, merge/element-wise/subset/scale/shift vertices)");
    }
}
