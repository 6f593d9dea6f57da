package io.github.dl4jlocalization.nn;

import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Arrays;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

/**
 * Circular (periodic) padding for a 1-D convolution on a ring of D sites, which DL4J's
 * {@code Convolution1DLayer} lacks: it turns feed-forward input {@code [B, D]} into a one-channel
 * sequence {@code [B, 1, D + P]} (DL4J's NCW layout) that wraps around,
 * <pre>
 *   out[b, 0, t] = x[b, t mod D],   t = 0 .. D + P - 1,
 * </pre>
 * i.e. the first P sites appended after the last. A VALID (truncate-mode, stride 1) convolution of
 * width {@code w = P + 1} over it yields exactly D outputs, the circular cross-correlation
 * {@code out_i = sum_m f_m x_{(i + m) mod D}}, i = 0 .. D - 1.
 *
 * <p>Backpropagation folds the gradient of the appended copies back onto the sites they copy:
 * {@code dL/dx_i = sum_{t : t mod D = i} dL/dout_t}. Feature masks are not supported (the inputs
 * are fixed-length signals).
 *
 * <p>Serialised to DL4J's JSON as {@code {"@class": ..., "length": D, "padding": P}}, so networks
 * using it save and restore with {@code ModelSerializer}.
 */
public final class CircularPaddingPreProcessor implements InputPreProcessor {
    private static final long serialVersionUID = 1L;

    @JsonProperty("length")
    private final int length;
    @JsonProperty("padding")
    private final int padding;

    /**
     * @param length  the input length D >= 1
     * @param padding the number P of wrapped sites appended, 0 <= P <= D
     */
    @JsonCreator
    public CircularPaddingPreProcessor(@JsonProperty("length") int length, @JsonProperty("padding") int padding) {
        this.length = Require.atLeast("length", length, 1);
        this.padding = Require.inRange("padding", padding, 0, length);
    }

    /** D. */
    public int length() {
        return length;
    }

    /** P. */
    public int padding() {
        return padding;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireShape("input", input, 2, length);
        long batch = input.size(0);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(),
                new long[] {batch, 1, length + padding}, 'c');
        INDArray sequence = out.get(all(), point(0), all());
        sequence.get(all(), interval(0, length)).assign(input);
        if (padding > 0) {
            sequence.get(all(), interval(length, length + padding)).assign(input.get(all(), interval(0, padding)));
        }
        return out;
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        requireShape("epsilon", output, 3, length + padding);
        INDArray sequence = output.get(all(), point(0), all());
        INDArray grad = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, sequence.get(all(), interval(0, length)), 'c');
        if (padding > 0) {
            grad.get(all(), interval(0, padding)).addi(sequence.get(all(), interval(length, length + padding)));
        }
        return grad;
    }

    @Override
    public CircularPaddingPreProcessor clone() {
        return this;
    }

    /** Feed-forward input of size D becomes a one-channel sequence of length D + P. */
    @Override
    public InputType getOutputType(InputType inputType) {
        Require.that(inputType instanceof InputType.InputTypeFeedForward ff && ff.getSize() == length,
                "inputType", inputType, "feed-forward input of size D = " + length);
        return InputType.recurrent(1, length + padding);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        Require.that(maskArray == null, "maskArray", Arrays.toString(maskArray == null ? null : maskArray.shape()),
                "absent (circular padding takes fixed-length inputs)");
        return new Pair<>(null, currentMaskState);
    }

    private void requireShape(String name, INDArray a, int rank, long last) {
        Require.that(a.rank() == rank && a.size(rank - 1) == last && (rank == 2 || a.size(1) == 1), name + " shape",
                Arrays.toString(a.shape()), rank == 2 ? "[B, " + last + "]" : "[B, 1, " + last + "]");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircularPaddingPreProcessor p && length == p.length && padding == p.padding;
    }

    @Override
    public int hashCode() {
        return 31 * length + padding;
    }

    @Override
    public String toString() {
        return "CircularPaddingPreProcessor(length=" + length + ", padding=" + padding + ")";
    }
}
