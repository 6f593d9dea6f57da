package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gradients of units' activations with respect to a batch of inputs, by DL4J's own
 * backpropagation: a forward pass in inference mode up to the unit's layer
 * ({@code Layer.activate(x, false, LayerWorkspaceMgr.noWorkspaces())}, preprocessors included),
 * an epsilon that is 1 at the unit (every example) and 0 elsewhere, and {@code backpropGradient}
 * back through every layer below (graph vertices: {@code doBackward}, epsilons summed where paths
 * meet), once per unit after one forward pass. As examples do not interact in inference mode, row b of the result is
 * {@code d y_b / d x_b}.
 *
 * <p>Two layers need care. DL4J's {@code BatchNormalization.backpropGradient} is the training-mode
 * gradient (through the batch statistics); in inference mode the layer is the per-channel affine
 * map {@code gamma (x - mean) / sqrt(var + eps) + beta}, so its epsilon is multiplied by
 * {@code gamma / sqrt(var + eps)}.
 * Dropout backpropagates through the mask of a training pass, which an inference pass has not
 * made: dropout is switched off for the computation. The network's gradient view (which the
 * layers' {@code backpropGradient} overwrites) is restored afterwards, and the layers' stored
 * inputs cleared, so listeners called later in the same iteration see the training step's state.
 */
final class UnitGradients {
    private static final LayerWorkspaceMgr NO_WORKSPACES = LayerWorkspaceMgr.noWorkspaces();

    private UnitGradients() {
    }

    /**
     * {@code d unit / d inputs} for each unit, arrays of the input's shape, from one forward pass.
     *
     * @param fields the network's theoretical fields (its input geometry and layers)
     * @param units  units of one layer, with their positions resolved
     */
    static List<INDArray> of(Model network, TheoreticalReceptiveField fields, List<NetworkUnit> units,
                             INDArray inputs) {
        Require.that(!units.isEmpty() && units.stream().allMatch(u -> u.layer().equals(units.get(0).layer())),
                "units", units, "one or more units of one layer");
        if (network instanceof MultiLayerNetwork net) {
            return multiLayer(net, fields, units, inputs);
        }
        if (network instanceof ComputationGraph graph) {
            return graph(graph, fields, units, inputs);
        }
        throw new IllegalArgumentException("network must be a MultiLayerNetwork or a ComputationGraph, got "
                + (network == null ? null : network.getClass().getName()));
    }

    private static List<INDArray> multiLayer(MultiLayerNetwork net, TheoreticalReceptiveField fields,
                                             List<NetworkUnit> units, INDArray inputs) {
        NetworkUnit unit = units.get(0);
        int target = fields.layers().indexOf(fields.layer(unit.layer())) - 1;
        requireHidden(unit, net.getLayer(target));
        List<Layer> layers = List.of(net.getLayers()).subList(0, target + 1);
        INDArray saved = saveGradients(net);
        Map<Layer, IDropout> dropout = disableDropout(layers);
        try {
            INDArray h = inputs.castTo(net.getLayerWiseConfigurations().getDataType());
            int batch = (int) h.size(0);
            for (int i = 0; i <= target; i++) {
                InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                if (pre != null) {
                    h = pre.preProcess(h, batch, NO_WORKSPACES);
                }
                h = forward(net.getLayer(i), h);
            }
            List<INDArray> gradients = new ArrayList<>();
            for (NetworkUnit u : units) {
                INDArray epsilon = oneHot(h, fields.layer(u.layer()), u);
                for (int i = target; i >= 0; i--) {
                    epsilon = backprop(net.getLayer(i), epsilon);
                    InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
                    if (pre != null) {
                        epsilon = pre.backprop(epsilon, batch, NO_WORKSPACES);
                    }
                }
                gradients.add(epsilon);
            }
            return gradients;
        } finally {
            dropout.forEach((layer, d) -> layer.conf().getLayer().setIDropout(d));
            restoreGradients(net, saved);
            net.clearLayersStates();
        }
    }

    private static List<INDArray> graph(ComputationGraph graph, TheoreticalReceptiveField fields,
                                        List<NetworkUnit> units, INDArray inputs) {
        NetworkUnit unit = units.get(0);
        GraphVertex target = graph.getVertex(fields.layer(unit.layer()).name());
        Require.that(target != null && !target.isInputVertex(), "layer", unit.layer(), "a vertex of the graph");
        if (target.hasLayer()) {
            requireHidden(unit, target.getLayer());
        }
        GraphVertex[] vertices = graph.getVertices();
        boolean[] ancestor = new boolean[vertices.length];
        markAncestors(vertices, target.getVertexIndex(), ancestor);
        int chosen = graph.getVertex(fields.input().name()).getVertexIndex();
        for (GraphVertex v : vertices) {
            Require.that(!ancestor[v.getVertexIndex()] || !v.isInputVertex() || v.getVertexIndex() == chosen,
                    "layer", unit.layer(), "a vertex fed by input " + fields.input().name() + " only (it also depends "
                            + "on input " + v.getVertexName() + ")");
        }
        List<Layer> layers = new ArrayList<>();
        for (GraphVertex v : vertices) {
            if (ancestor[v.getVertexIndex()] && v.hasLayer()) {
                layers.add(v.getLayer());
            }
        }
        INDArray saved = saveGradients(graph);
        Map<Layer, IDropout> dropout = disableDropout(layers);
        try {
            int[] order = graph.topologicalSortOrder();
            INDArray[] out = new INDArray[vertices.length];
            INDArray x = inputs.castTo(graph.getConfiguration().getDataType());
            for (int index : order) {
                GraphVertex v = vertices[index];
                if (!ancestor[index]) {
                    continue;
                }
                if (v.isInputVertex()) {
                    out[index] = x;
                    continue;
                }
                VertexIndices[] in = v.getInputVertices();
                if (v instanceof org.deeplearning4j.nn.graph.vertex.impl.LayerVertex lv) {
                    INDArray h = out[in[0].getVertexIndex()];
                    InputPreProcessor pre = lv.getLayerPreProcessor();
                    out[index] = forward(lv.getLayer(), pre == null ? h : pre.preProcess(h.dup(), (int) x.size(0),
                            NO_WORKSPACES));
                    continue;
                }
                for (int i = 0; i < in.length; i++) {
                    v.setInput(i, out[in[i].getVertexIndex()].dup(), NO_WORKSPACES);
                }
                out[index] = v.doForward(false, NO_WORKSPACES);
                for (int i = 0; i < in.length; i++) {   // the inputs as they were, for doBackward
                    v.setInput(i, out[in[i].getVertexIndex()], NO_WORKSPACES);
                }
            }
            List<INDArray> gradients = new ArrayList<>();
            for (NetworkUnit u : units) {
                INDArray[] epsilon = new INDArray[vertices.length];
                epsilon[target.getVertexIndex()] = oneHot(out[target.getVertexIndex()], fields.layer(u.layer()), u);
                for (int k = order.length - 1; k >= 0; k--) {
                    int index = order[k];
                    GraphVertex v = vertices[index];
                    if (!ancestor[index] || epsilon[index] == null || v.isInputVertex()) {
                        continue;
                    }
                    INDArray[] below = backprop(v, epsilon[index], (int) x.size(0));
                    VertexIndices[] in = v.getInputVertices();
                    for (int i = 0; i < in.length; i++) {
                        int from = in[i].getVertexIndex();
                        epsilon[from] = epsilon[from] == null ? below[i].dup() : epsilon[from].addi(below[i]);
                    }
                }
                gradients.add(epsilon[chosen] == null ? Nd4j.zerosLike(x) : epsilon[chosen]);
            }
            return gradients;
        } finally {
            dropout.forEach((layer, d) -> layer.conf().getLayer().setIDropout(d));
            restoreGradients(graph, saved);
            graph.clearLayersStates();
        }
    }

    private static void markAncestors(GraphVertex[] vertices, int index, boolean[] ancestor) {
        if (ancestor[index]) {
            return;
        }
        ancestor[index] = true;
        VertexIndices[] in = vertices[index].getInputVertices();
        for (int i = 0; in != null && i < in.length; i++) {
            markAncestors(vertices, in[i].getVertexIndex(), ancestor);
        }
    }

    /**
     * A layer's inference-mode activations of {@code input}, leaving {@code input} stored in the
     * layer for {@code backpropGradient}: some layers (e.g. {@code ActivationLayer}) apply their
     * activation in place on their stored input when not training, so they get a copy.
     */
    private static INDArray forward(Layer layer, INDArray input) {
        INDArray out = layer.activate(input.dup(), false, NO_WORKSPACES);
        layer.setInput(input, NO_WORKSPACES);
        return out;
    }

    /** A graph vertex's epsilons for its inputs. */
    private static INDArray[] backprop(GraphVertex v, INDArray epsilon, int batch) {
        if (v instanceof org.deeplearning4j.nn.graph.vertex.impl.LayerVertex lv) {
            INDArray e = backprop(lv.getLayer(), epsilon);
            InputPreProcessor pre = lv.getLayerPreProcessor();
            return new INDArray[] {pre == null ? e : pre.backprop(e, batch, NO_WORKSPACES)};
        }
        v.setEpsilon(epsilon);
        return v.doBackward(false, NO_WORKSPACES).getSecond();
    }

    /** A layer's epsilon for its input. */
    private static INDArray backprop(Layer layer, INDArray epsilon) {
        if (layer instanceof BatchNormalization bn) {
            return inferenceBatchNormalization(bn, epsilon);
        }
        return layer.backpropGradient(epsilon, NO_WORKSPACES).getSecond();
    }

    /** {@code epsilon gamma / sqrt(var + eps)}, per channel: the inference-mode derivative of batch normalisation. */
    private static INDArray inferenceBatchNormalization(BatchNormalization bn, INDArray epsilon) {
        org.deeplearning4j.nn.conf.layers.BatchNormalization conf =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) bn.conf().getLayer();
        Require.that(epsilon.rank() == 2 || epsilon.rank() == 4, "BatchNormalization input", epsilon.rank() + "-D",
                "feed-forward or convolutional");
        double[] std = conf.isUseLogStd()
                ? bn.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).toDoubleVector()
                : bn.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).toDoubleVector();
        double[] gamma = conf.isLockGammaBeta() ? null
                : bn.getParam(BatchNormalizationParamInitializer.GAMMA).toDoubleVector();
        double[] scale = new double[std.length];
        for (int c = 0; c < scale.length; c++) {
            // the stored statistic is log10(sigma) (DL4J's default) or sigma^2; inference divides by
            // sqrt(sigma^2 + eps)
            double variance = conf.isUseLogStd() ? Math.pow(10, 2 * std[c]) : std[c];
            double s = Math.sqrt(variance + conf.getEps());
            scale[c] = (gamma == null ? conf.getGamma() : gamma[c]) / s;
        }
        int channelAxis = epsilon.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC ? 3 : 1;
        return epsilon.mul(broadcast(Nd4j.createFromArray(scale).castTo(epsilon.dataType()), epsilon, channelAxis));
    }

    private static INDArray broadcast(INDArray perChannel, INDArray like, int axis) {
        long[] shape = new long[like.rank()];
        java.util.Arrays.fill(shape, 1);
        shape[axis] = perChannel.length();
        return perChannel.reshape(shape).broadcast(like.shape());
    }

    /** An epsilon of {@code activations}' shape: 1 at the unit's channel(s) and position, 0 elsewhere. */
    private static INDArray oneHot(INDArray activations, LayerField layer, NetworkUnit unit) {
        INDArray epsilon = Nd4j.zeros(activations.dataType(), activations.shape());
        long[] p = unit.position();
        InputType type = layer.outputType();
        int rank = activations.rank();
        boolean channelsLast = type instanceof InputType.InputTypeConvolutional c && c.getFormat() == CNN2DFormat.NHWC
                || type instanceof InputType.InputTypeRecurrent r && r.getFormat() == RNNFormat.NWC;
        long channels = channelsLast ? activations.size(rank - 1) : activations.size(1);
        Require.that(unit.channel() < channels, "channel", unit.channel(),
                "in [0, " + (channels - 1) + "] (layer " + layer.name() + " has " + channels + ")");
        if (rank == 2) {
            Require.that(layer.fullField() || p.length == 0, "layer", layer.name(),
                    "a feature map or a dense layer (not a flattened map: take the layer before the flatten)");
        } else {
            Require.that(p.length == rank - 2, "position", java.util.Arrays.toString(p),
                    (rank - 2) + " coordinates on " + layer.name() + "'s map");
        }
        INDArrayIndex[] at = new INDArrayIndex[rank];
        at[0] = NDArrayIndex.all();
        INDArrayIndex channel = unit.channel() == NetworkUnit.ALL_CHANNELS ? NDArrayIndex.all()
                : NDArrayIndex.point(unit.channel());
        int first = channelsLast ? 1 : 2;
        for (int a = 0; a < rank - 2; a++) {
            at[first + a] = NDArrayIndex.point(p[a]);
        }
        at[channelsLast ? rank - 1 : 1] = channel;
        epsilon.get(at).assign(1);
        return epsilon;
    }

    private static void requireHidden(NetworkUnit unit, Layer layer) {
        Layer inner = layer;
        while (inner instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) {
            inner = w.getUnderlying();   // frozen layers
        }
        Require.that(!(inner instanceof IOutputLayer), "layer", unit.layer(),
                "a hidden layer (an output layer's backpropagation starts from its loss)");
    }

    private static Map<Layer, IDropout> disableDropout(List<Layer> layers) {
        Map<Layer, IDropout> saved = new IdentityHashMap<>();
        for (Layer l : layers) {
            IDropout d = l.conf().getLayer().getIDropout();
            if (d != null) {
                saved.put(l, d);
                l.conf().getLayer().setIDropout(null);
            }
        }
        return saved;
    }

    private static INDArray saveGradients(Model model) {
        INDArray view = model instanceof MultiLayerNetwork n ? n.getGradientsViewArray()
                : ((ComputationGraph) model).getGradientsViewArray();
        if (view == null) {
            if (model instanceof MultiLayerNetwork n) {
                n.initGradientsView();
            } else {
                ((ComputationGraph) model).initGradientsView();
            }
            return null;
        }
        return view.dup();
    }

    private static void restoreGradients(Model model, INDArray saved) {
        INDArray view = model instanceof MultiLayerNetwork n ? n.getGradientsViewArray()
                : ((ComputationGraph) model).getGradientsViewArray();
        if (saved != null && view != null) {
            view.assign(saved);
        }
    }
}
