package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.listeners.ReceptiveFieldReader;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.listeners.RecordingListener;
import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Arrays;
import java.util.Locale;

/**
 * Records a run's {@link MetricsRow}s every {@code frequency} updates: the step's training loss
 * (DL4J's score of the batch just fitted; NaN at step 0), the loss and accuracy on the run's
 * {@link HeldOutBatch}, and the mean and largest IPR of the receptive fields (read as the run's
 * {@link io.github.dl4jlocalization.listeners.ReceptiveFieldListener} reads them), with the time
 * axis {@code t = step * lr} of the papers. The rows go to its sinks ({@code metrics.csv}, memory).
 *
 * <p>Serializable when its sinks are.
 */
final class MetricsListener extends RecordingListener<MetricsRow> {
    private static final long serialVersionUID = 1L;

    private final HeldOutBatch heldOut;
    private final ReceptiveFieldReader reader;
    private final double learningRate;

    private MetricsListener(Builder b) {
        super(b);
        this.heldOut = Require.nonNull("heldOut", b.heldOut);
        this.reader = Require.nonNull("reader", b.reader);
        this.learningRate = b.learningRate;
    }

    @Override
    protected MetricsRow measure(Model model, long step, int epoch) {
        double[] ipr = LocalizationMetrics.iprPerUnit(reader.read(model));
        HeldOutBatch.Score score = heldOut.score((MultiLayerNetwork) model);
        return new MetricsRow(step, step * learningRate, step == 0 ? Double.NaN : model.score(), score.loss(),
                score.accuracy(), mean(ipr), Arrays.stream(ipr).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN));
    }

    /** The mean of the units' IPRs, NaN units ignored (as the records' {@code meanIpr}). */
    private static double mean(double[] ipr) {
        return Arrays.stream(ipr).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    @Override
    protected String summarize(MetricsRow row) {
        return String.format(Locale.ROOT, "loss %.4g, held-out loss %.4g, accuracy %.3f, mean IPR %.4f",
                row.loss(), row.evalLoss(), row.accuracy(), row.meanIpr());
    }

    @Override
    protected String settings() {
        return heldOut + ", " + reader + ", lr=" + learningRate;
    }

    /** Configuration of a {@link MetricsListener}. */
    static final class Builder extends RecordingListener.Builder<MetricsRow, Builder> {
        private HeldOutBatch heldOut;
        private ReceptiveFieldReader reader = ReceptiveFieldReader.denseLayer("0_W");
        private double learningRate;

        /** @param frequency record every this many updates, >= 1 */
        Builder(int frequency) {
            super(frequency);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** The held-out batch scored at every record (required). */
        Builder heldOut(HeldOutBatch heldOut) {
            this.heldOut = heldOut;
            return this;
        }

        /** How the receptive fields are read (default: the dense layer {@code "0_W"}). */
        Builder reader(ReceptiveFieldReader reader) {
            this.reader = reader;
            return this;
        }

        /** The learning rate, for the time axis {@code t = step * lr}. */
        Builder learningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        MetricsListener build() {
            return new MetricsListener(this);
        }
    }
}
