package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;

import java.io.Serializable;

/**
 * How a {@link ReceptiveFieldListener} reads the receptive fields of a model: K fields of D
 * weights, {@code result[k]} = unit k's weights, as a fresh {@code double[K][D]}. The default is
 * {@link #denseLayer(String) a dense layer's weight matrix}; any other layer works through a
 * function of the model, e.g. the filters of the convolutional network of the papers:
 * <pre>{@code
 * ReceptiveFieldListener filters = new ReceptiveFieldListener.Builder(100)
 *         .reader(model -> ConvolutionalNetwork.filters((MultiLayerNetwork) model))
 *         .sink(memory)
 *         .build();
 * }</pre>
 * A lambda given here is serializable (this interface is), as a listener must be.
 */
@FunctionalInterface
public interface ReceptiveFieldReader extends Serializable {

    /** The receptive fields of {@code model} now, {@code double[K][D]}, finite. */
    double[][] read(Model model);

    /**
     * The columns of the dense weight matrix {@code key} (D x K, nIn x nOut, e.g. {@code "0_W"},
     * the first layer): {@link LocalizationMetrics#receptiveFields}.
     *
     * @throws IllegalArgumentException (when read) naming the key and the model's parameter keys
     *                                  if the model has no such 2-D parameter
     */
    static ReceptiveFieldReader denseLayer(String key) {
        return new DenseLayer(Require.nonNull("parameter", key));
    }

    /** The reader of {@link #denseLayer}. */
    record DenseLayer(String key) implements ReceptiveFieldReader {
        @Override
        public double[][] read(Model model) {
            return LocalizationMetrics.receptiveFields(ModelAccess.denseWeights(model, key));
        }

        @Override
        public String toString() {
            return "parameter=" + key;
        }
    }
}
