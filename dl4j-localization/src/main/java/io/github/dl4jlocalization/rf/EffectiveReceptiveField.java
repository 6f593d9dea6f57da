package io.github.dl4jlocalization.rf;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The effective receptive field of a unit (Luo, Li, Urtasun &amp; Zemel, "Understanding the
 * effective receptive field in deep convolutional neural networks", NeurIPS 2016): how strongly
 * its activation y responds to each input site, the gradient of y with respect to the input,
 * averaged over a batch of B held-out inputs {@code x_1..x_B}:
 * <pre>
 *   mean[i]         = (1/B) sum_b sum_c  d y(x_b) / d x_{b,c,i}
 *   meanAbsolute[i] = (1/B) sum_b | sum_c d y(x_b) / d x_{b,c,i} |
 * </pre>
 * for every input site i (channels c summed), in float64 (the network's own precision for the
 * gradient). The gradient is computed by DL4J's backpropagation in inference mode
 * ({@link UnitGradients}). It lies inside the unit's {@link TheoreticalReceptiveField theoretical
 * region} and, for a linear network, is the same for every input: for a single convolution it is
 * the kernel itself; for the first hidden layer of a dense network, unit k's weights
 * {@code w_k} scaled by the batch mean of its activation's derivative (so that its IPR is that of
 * {@code w_k}, the fields the rest of the project measures).
 *
 * <pre>{@code
 * INDArray heldOut = ...;                                         // [B, D] (or the network's input shape)
 * EffectiveReceptiveField erf = EffectiveReceptiveField.of(net, NetworkUnit.centre("layer1", 0), heldOut);
 * FieldStatistics s = erf.statistics();                           // IPR, width, centre
 * }</pre>
 * Immutable and serializable.
 */
public final class EffectiveReceptiveField implements Serializable {
    private static final long serialVersionUID = 1L;

    private final NetworkUnit unit;
    private final InputGeometry input;
    private final double[] mean;
    private final double[] meanAbsolute;
    private final int examples;

    private EffectiveReceptiveField(NetworkUnit unit, InputGeometry input, double[] mean, double[] meanAbsolute,
                                    int examples) {
        this.unit = unit;
        this.input = input;
        this.mean = mean;
        this.meanAbsolute = meanAbsolute;
        this.examples = examples;
    }

    /**
     * The effective receptive field of {@code unit} of a {@link MultiLayerNetwork} or
     * {@link ComputationGraph} (on its first input) over the batch {@code inputs} (the network's
     * input array: {@code [B, D]}, {@code [B, C, T]}, {@code [B, C, H, W]}, ...).
     *
     * @throws IllegalArgumentException for an unknown layer, an output layer, a channel or position
     *                                  off the layer's map, or inputs of the wrong shape
     */
    public static EffectiveReceptiveField of(Model network, NetworkUnit unit, INDArray inputs) {
        Require.nonNull("inputs", inputs);
        return of(network, fieldsFor(network, inputs), unit, inputs);
    }

    /**
     * As {@link #of(Model, NetworkUnit, INDArray)}, with the network's theoretical fields already
     * computed (a listener computes them once).
     */
    public static EffectiveReceptiveField of(Model network, TheoreticalReceptiveField fields, NetworkUnit unit,
                                             INDArray inputs) {
        return of(network, fields, List.of(Require.nonNull("unit", unit)), inputs).get(0);
    }

    /**
     * The effective receptive fields of several units of one layer, from one forward pass of
     * {@code inputs} and one backward pass per unit (what a listener records).
     *
     * @throws IllegalArgumentException as {@link #of(Model, NetworkUnit, INDArray)}, or for units of
     *                                  different layers
     */
    public static List<EffectiveReceptiveField> of(Model network, TheoreticalReceptiveField fields,
                                                   List<NetworkUnit> units, INDArray inputs) {
        Require.nonNull("network", network);
        Require.nonNull("fields", fields);
        Require.nonNull("units", units);
        Require.nonNull("inputs", inputs);
        Require.that(inputs.size(0) >= 1, "inputs", Arrays.toString(inputs.shape()), "a batch of at least one input");
        List<NetworkUnit> resolved = new ArrayList<>();
        for (NetworkUnit unit : units) {
            LayerField layer = fields.layer(Require.nonNull("unit", unit).layer());
            long[] position = unit.position() != null ? unit.position() : fields.centre(unit.layer());
            if (!layer.fullField()) {
                fields.region(unit.layer(), position);   // validates the position
            }
            resolved.add(new NetworkUnit(layer.name(), unit.channel(), layer.fullField() ? new long[0] : position));
        }
        List<INDArray> gradients = UnitGradients.of(network, fields, resolved, inputs);
        List<EffectiveReceptiveField> out = new ArrayList<>();
        for (int k = 0; k < resolved.size(); k++) {
            double[][] g = fields.input().sumOverChannels(gradients.get(k));
            int n = g[0].length;
            double[] mean = new double[n];
            double[] absolute = new double[n];
            for (double[] row : g) {
                for (int i = 0; i < n; i++) {
                    mean[i] += row[i];
                    absolute[i] += Math.abs(row[i]);
                }
            }
            for (int i = 0; i < n; i++) {
                mean[i] /= g.length;
                absolute[i] /= g.length;
            }
            out.add(new EffectiveReceptiveField(resolved.get(k), fields.input(), mean, absolute, g.length));
        }
        return out;
    }

    /** The theoretical fields of {@code network} on inputs shaped like {@code inputs}. */
    static TheoreticalReceptiveField fieldsFor(Model network, INDArray inputs) {
        try {
            return TheoreticalReceptiveField.of(network);
        } catch (IllegalArgumentException cannotInfer) {
            return TheoreticalReceptiveField.of(network, inputType(inputs));
        }
    }

    /** The input type of a batch: feed-forward, sequence ([B, C, T]) or image ([B, C, H, W]). */
    private static InputType inputType(INDArray inputs) {
        return switch (inputs.rank()) {
            case 2 -> InputType.feedForward(inputs.size(1));
            case 3 -> InputType.recurrent(inputs.size(1), inputs.size(2));
            case 4 -> InputType.convolutional(inputs.size(2), inputs.size(3), inputs.size(1));
            default -> throw new IllegalArgumentException("inputs must be a 2-D, 3-D or 4-D batch, got shape "
                    + Arrays.toString(inputs.shape()));
        };
    }

    /** The unit, its layer named and its position resolved (empty for a dense layer). */
    public NetworkUnit unit() {
        return unit;
    }

    /** The input the field lies on. */
    public InputGeometry input() {
        return input;
    }

    /** The batch mean of the gradient per input site, row-major over the input's axes. */
    public double[] mean() {
        return mean.clone();
    }

    /** The batch mean of the gradient's absolute value per input site. */
    public double[] meanAbsolute() {
        return meanAbsolute.clone();
    }

    /** B, the number of inputs averaged over. */
    public int examples() {
        return examples;
    }

    /** IPR, width (of 90 % of the mass), second-moment width and centre of {@link #mean()}. */
    public FieldStatistics statistics() {
        return statistics(FieldStatistics.DEFAULT_MASS_FRACTION);
    }

    /** The statistics of {@link #mean()} with the width at mass fraction {@code massFraction}. */
    public FieldStatistics statistics(double massFraction) {
        return FieldStatistics.of(mean, input.shape(), input.periodic(), massFraction);
    }

    /** The statistics of {@link #meanAbsolute()} (width at 90 % of the mass). */
    public FieldStatistics absoluteStatistics() {
        return FieldStatistics.of(meanAbsolute, input.shape(), input.periodic(), FieldStatistics.DEFAULT_MASS_FRACTION);
    }

    /** The input sites where the mean gradient is not 0. */
    public int[] support() {
        return java.util.stream.IntStream.range(0, mean.length).filter(i -> mean[i] != 0).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveReceptiveField e && unit.equals(e.unit) && input.equals(e.input)
                && Arrays.equals(mean, e.mean) && Arrays.equals(meanAbsolute, e.meanAbsolute) && examples == e.examples;
    }

    @Override
    public int hashCode() {
        return 31 * unit.hashCode() + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return "EffectiveReceptiveField[" + unit + " on " + input + ", " + examples + " inputs: " + statistics() + "]";
    }
}
