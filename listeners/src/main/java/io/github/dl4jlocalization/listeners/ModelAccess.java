package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/** What the listeners read from a model: its counters, a weight matrix, its learning rate. */
final class ModelAccess {
    private ModelAccess() {
    }

    /** The updates done to the model so far (DL4J's iteration counter outside {@code iterationDone}). */
    static long stepsDone(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getIterationCount();
        }
        return model instanceof ComputationGraph graph ? graph.getConfiguration().getIterationCount() : 0;
    }

    /** The model's 0-based epoch counter (in {@code onEpochEnd}: the epoch just finished). */
    static int epoch(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getEpochCount();
        }
        return model instanceof ComputationGraph graph ? graph.getConfiguration().getEpochCount() : 0;
    }

    /**
     * The 2-D parameter {@code key} (a dense layer's D x K weights, e.g. {@code "0_W"}).
     *
     * @throws IllegalArgumentException naming the key and the model's parameter keys otherwise
     */
    static INDArray denseWeights(Model model, String key) {
        INDArray weights = model.paramTable().get(key);
        Require.that(weights != null && weights.rank() == 2, "parameter", key,
                "the key of a 2-D dense weight matrix of the model, one of " + model.paramTable().keySet());
        return weights;
    }

    /**
     * The learning rate of the first layer's updater for update number {@code step} (DL4J's
     * iteration {@code step - 1}), or NaN when it has none.
     */
    static double firstLayerLearningRate(Model model, long step, int epoch) {
        Layer first = model instanceof MultiLayerNetwork net && net.getnLayers() > 0 ? net.getLayer(0)
                : model instanceof ComputationGraph graph && graph.getNumLayers() > 0 ? graph.getLayer(0) : null;
        if (first != null && first.conf().getLayer() instanceof BaseLayer layer) {
            IUpdater updater = layer.getIUpdater();
            if (updater != null && updater.hasLearningRate()) {
                return updater.getLearningRate((int) Math.min(Math.max(step - 1, 0), Integer.MAX_VALUE), epoch);
            }
        }
        return Double.NaN;
    }
}
