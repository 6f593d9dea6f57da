package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Which weight matrices magnitude pruning acts on, and how it ranks them. Biases and frozen layers
 * (e.g. the soft committee machine's fixed readout) are never pruned. Each round keeps
 * {@code round(N (1 - p)^r)} weights of the N weights of a ranking pool, the ones of largest
 * magnitude.
 */
public enum PruningScope {
    /** Only the first layer's weights {@code "0_W"} (the receptive fields): the default. */
    FIRST_LAYER,
    /** Every trainable weight matrix, each pruned by the same fraction, ranked within itself. */
    PER_LAYER,
    /** Every trainable weight matrix, ranked together: one magnitude threshold for the network. */
    GLOBAL,
    /**
     * Every trainable weight matrix but the output layer's, each pruned by the same fraction,
     * ranked within itself (Pellegrini &amp; Biroli: per-layer thresholds, the output layer not
     * pruned).
     */
    HIDDEN_LAYERS;

    /**
     * The keys of the weight matrices this scope prunes in {@code net} (e.g. {@code ["0_W"]}).
     *
     * @throws IllegalArgumentException when the network has no trainable weight matrix in scope
     */
    public List<String> parameters(MultiLayerNetwork net) {
        Require.nonNull("net", net);
        List<String> keys = new ArrayList<>();
        int layers = switch (this) {
            case FIRST_LAYER -> Math.min(1, net.getnLayers());
            case HIDDEN_LAYERS -> net.getnLayers() - 1;
            default -> net.getnLayers();
        };
        for (int i = 0; i < layers; i++) {
            Layer conf = net.getLayerWiseConfigurations().getConf(i).getLayer();
            boolean frozen = conf instanceof FrozenLayer || conf instanceof FrozenLayerWithBackprop;
            if (!frozen && net.getLayer(i).paramTable().containsKey(DefaultParamInitializer.WEIGHT_KEY)) {
                keys.add(i + "_" + DefaultParamInitializer.WEIGHT_KEY);
            }
        }
        Require.that(!keys.isEmpty(), "net", net.getnLayers() + " layers",
                "a network with a trainable weight matrix " + (this == FIRST_LAYER ? "\"0_W\" in its first layer"
                        : this == HIDDEN_LAYERS ? "in some layer before its output layer" : "in some layer")
                        + " (pruning scope " + this + ")");
        return keys;
    }

    /** Whether all matrices are ranked together. */
    boolean pooled() {
        return this == GLOBAL;
    }
}
