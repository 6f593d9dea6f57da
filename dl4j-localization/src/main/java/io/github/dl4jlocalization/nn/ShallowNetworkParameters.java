package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.NdArrays;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Reads and writes the parameters of a network built by {@link ShallowNetwork} (also one restored
 * with {@code ModelSerializer}) in the papers' terms: receptive fields {@code w_k} (rows of W),
 * hidden bias {@code b}, readout {@code v} and readout bias {@code c}. Getters return copies;
 * setters write into the network's parameter views (so updater state and counters are untouched).
 *
 * <p>DL4J stores W as its {@code D x K} dense-layer weight, unit k in column k; these methods
 * transpose to {@code double[K][D]}.
 */
public final class ShallowNetworkParameters {
    private static final String W = DefaultParamInitializer.WEIGHT_KEY;
    private static final String B = DefaultParamInitializer.BIAS_KEY;

    private ShallowNetworkParameters() {
    }

    /** The K receptive fields {@code w_k}, each of length D. */
    public static double[][] receptiveFields(MultiLayerNetwork net) {
        INDArray w = hidden(net).getParam(W);
        double[][] out = new double[w.columns()][w.rows()];
        for (int k = 0; k < out.length; k++) {
            out[k] = NdArrays.rowMajor(w.getColumn(k));
        }
        return out;
    }

    /** Sets the receptive fields from a finite {@code double[K][D]}. */
    public static void setReceptiveFields(MultiLayerNetwork net, double[][] fields) {
        INDArray w = hidden(net).getParam(W);
        Require.nonNull("receptiveFields", fields);
        Require.that(fields.length == w.columns(), "receptiveFields.length", fields.length,
                "the number of hidden units " + w.columns());
        for (int k = 0; k < fields.length; k++) {
            assign(w.getColumn(k), finite("receptiveFields[" + k + "]", fields[k], w.rows()));
        }
    }

    /**
     * The hidden bias {@code b} (length K): the trained parameter, the fixed value for every unit, or
     * zeros when the network has none.
     */
    public static double[] hiddenBias(MultiLayerNetwork net) {
        DenseLayer conf = hiddenConf(net);
        int units = (int) conf.getNOut();
        if (conf.hasBias()) {
            return NdArrays.rowMajor(hidden(net).getParam(B));
        }
        double[] b = new double[units];
        if (conf.getActivationFn() instanceof ActivationShifted shifted) {
            Arrays.fill(b, shifted.shift());
        }
        return b;
    }

    /**
     * Sets the trainable hidden bias (length K, finite).
     *
     * @throws IllegalArgumentException if the network's hidden bias is absent or fixed (not a parameter)
     */
    public static void setHiddenBias(MultiLayerNetwork net, double[] bias) {
        Require.that(hiddenConf(net).hasBias(), "net", "a network whose hidden bias is absent or fixed",
                "a network with a TRAINABLE hidden bias");
        INDArray b = hidden(net).getParam(B);
        assign(b, finite("hiddenBias", bias, b.length()));
    }

    /** The readout {@code v} (length K; all 1 in a freshly built SCM). */
    public static double[] readout(MultiLayerNetwork net) {
        return NdArrays.rowMajor(output(net).getParam(W));
    }

    /**
     * Sets the readout {@code v} (length K, finite). For the SCM the readout stays frozen at the new
     * values (which makes it a committee with fixed, non-uniform weights).
     */
    public static void setReadout(MultiLayerNetwork net, double[] readout) {
        INDArray v = output(net).getParam(W);
        assign(v, finite("readout", readout, v.length()));
    }

    /** The readout bias {@code c} (0 for the SCM, which has none). */
    public static double readoutBias(MultiLayerNetwork net) {
        return outputConf(net).hasBias() ? output(net).getParam(B).getDouble(0) : 0;
    }

    /**
     * Sets the trained readout bias {@code c} (finite).
     *
     * @throws IllegalArgumentException if the network has no readout bias (the SCM)
     */
    public static void setReadoutBias(MultiLayerNetwork net, double c) {
        Require.that(outputConf(net).hasBias(), "net", "a network without readout bias",
                "a network with a TRAINED readout");
        output(net).getParam(B).assign(Require.finite("readoutBias", c));
    }

    private static Layer hidden(MultiLayerNetwork net) {
        hiddenConf(net);
        return net.getLayer(0);
    }

    private static Layer output(MultiLayerNetwork net) {
        outputConf(net);
        return net.getLayer(1);
    }

    private static DenseLayer hiddenConf(MultiLayerNetwork net) {
        checkStructure(net);
        return (DenseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
    }

    private static OutputLayer outputConf(MultiLayerNetwork net) {
        checkStructure(net);
        org.deeplearning4j.nn.conf.layers.Layer conf = net.getLayerWiseConfigurations().getConf(1).getLayer();
        return (OutputLayer) (conf instanceof FrozenLayerWithBackprop frozen ? frozen.getUnderlying() : conf);
    }

    private static void checkStructure(MultiLayerNetwork net) {
        Require.nonNull("net", net);
        var confs = net.getLayerWiseConfigurations().getConfs();
        boolean ok = confs.size() == 2 && confs.get(0).getLayer() instanceof DenseLayer;
        if (ok) {
            org.deeplearning4j.nn.conf.layers.Layer second = confs.get(1).getLayer();
            if (second instanceof FrozenLayerWithBackprop frozen) {
                second = frozen.getUnderlying();
            }
            ok = second instanceof OutputLayer out && out.getNOut() == 1;
        }
        Require.that(ok, "net", confs.size() + " layers",
                "a network built by ShallowNetwork (a dense layer, then a one-unit output layer)");
    }

    /** Writes {@code values} (as many as {@code target} has elements) into the view {@code target}. */
    private static void assign(INDArray target, double[] values) {
        target.assign(Nd4j.create(values).reshape(target.shape()));
    }

    private static double[] finite(String name, double[] values, long length) {
        Require.nonNull(name, values);
        Require.that(values.length == length, name + ".length", values.length, "exactly " + length);
        for (int i = 0; i < values.length; i++) {
            Require.finite(name + "[" + i + "]", values[i]);
        }
        return values;
    }
}
