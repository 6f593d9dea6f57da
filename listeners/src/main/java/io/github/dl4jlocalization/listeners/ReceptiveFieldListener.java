package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.metrics.SignedPeak;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.InvocationType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the receptive fields of a dense layer during training: every {@code frequency}
 * iterations (or every {@code frequency} epochs with {@link InvocationType#EPOCH_END}) it computes
 * each hidden unit's inverse participation ratio {@code IPR_k = sum_i w_ki^4 / (sum_i w_ki^2)^2}
 * and signed peak {@code argmax_i |w_ki|} with the sign of that weight, optionally snapshots the
 * weights, logs a one-line summary through SLF4J and hands a {@link ReceptiveFieldRecord} to
 * each of its {@link RecordSink}s.
 *
 * <p>Unit k's receptive field is column k of the layer's weight matrix (DL4J's dense
 * {@code W} is nIn x nOut = D x K). DL4J calls {@code iterationDone} after the parameter update,
 * so a record shows the weights after that iteration's step.
 *
 * <pre>{@code
 * InMemoryRecordSink<ReceptiveFieldRecord> records = new InMemoryRecordSink<>();
 * net.setListeners(new ReceptiveFieldListener(10, records));          // every 10 iterations
 * net.setListeners(new ReceptiveFieldListener.Builder(1)
 *         .invocationType(InvocationType.EPOCH_END).parameter("0_W")
 *         .snapshotWeights(false).sink(new JsonLinesRecordSink(path)).build());
 * }</pre>
 */
public class ReceptiveFieldListener extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ReceptiveFieldListener.class);

    private final int frequency;
    private final InvocationType invocationType;
    private final String parameter;
    private final boolean snapshotWeights;
    private final List<RecordSink<? super ReceptiveFieldRecord>> sinks;

    /**
     * Records every {@code frequency} iterations the first layer's ({@code "0_W"}) receptive
     * fields, with weight snapshots, into {@code sink}.
     */
    public ReceptiveFieldListener(int frequency, RecordSink<? super ReceptiveFieldRecord> sink) {
        this(new Builder(frequency).sink(sink));
    }

    private ReceptiveFieldListener(Builder b) {
        this.frequency = b.frequency;
        this.invocationType = b.invocationType;
        this.parameter = b.parameter;
        this.snapshotWeights = b.snapshotWeights;
        this.sinks = List.copyOf(b.sinks);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (invocationType == InvocationType.ITERATION_END && iteration % frequency == 0) {
            recordNow(model, iteration, epoch);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        if (invocationType == InvocationType.EPOCH_END) {
            int epoch = epochOf(model);
            if ((epoch + 1) % frequency == 0) {
                recordNow(model, iterationOf(model), epoch);
            }
        }
    }

    /**
     * Records the model's current receptive fields now, whatever the schedule (e.g. the initial
     * weights before training), and hands the record to the sinks.
     */
    public ReceptiveFieldRecord recordNow(Model model, long iteration, int epoch) {
        INDArray weights = model.getParam(parameter);
        Require.that(weights != null && weights.rank() == 2, "parameter", parameter,
                "the key of a 2-D dense weight matrix of the model, e.g. 0_W");
        double[][] fields = LocalizationMetrics.receptiveFields(weights);
        double[] ipr = new double[fields.length];
        SignedPeak[] peaks = new SignedPeak[fields.length];
        for (int k = 0; k < fields.length; k++) {
            ipr[k] = LocalizationMetrics.ipr(fields[k]);
            peaks[k] = LocalizationMetrics.signedPeak(fields[k]);
        }
        ReceptiveFieldRecord record = new ReceptiveFieldRecord(iteration, epoch, model.score(), ipr, peaks,
                snapshotWeights ? fields : null, System.currentTimeMillis());
        if (log.isInfoEnabled()) {
            int best = record.mostLocalizedUnit();
            log.info("iteration {}: score {}, mean IPR {}, max IPR {} (unit {}, peak {})", iteration,
                    String.format("%.6g", record.score()), String.format("%.4f", record.meanIpr()),
                    String.format("%.4f", record.maxIpr()), best, best < 0 ? "-" : peaks[best]);
        }
        for (RecordSink<? super ReceptiveFieldRecord> sink : sinks) {
            sink.accept(record);
        }
        return record;
    }

    private static int epochOf(Model model) {
        return model instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork net ? net.getEpochCount()
                : model instanceof org.deeplearning4j.nn.graph.ComputationGraph graph
                        ? graph.getConfiguration().getEpochCount() : 0;
    }

    private static long iterationOf(Model model) {
        return model instanceof org.deeplearning4j.nn.multilayer.MultiLayerNetwork net ? net.getIterationCount()
                : model instanceof org.deeplearning4j.nn.graph.ComputationGraph graph
                        ? graph.getConfiguration().getIterationCount() : 0;
    }

    /** Closes every sink. */
    public void close() {
        sinks.forEach(RecordSink::close);
    }

    /** The recording period, in iterations or epochs. */
    public int frequency() {
        return frequency;
    }

    @Override
    public String toString() {
        return "ReceptiveFieldListener(frequency=" + frequency + ", invocation=" + invocationType + ", parameter="
                + parameter + ", snapshotWeights=" + snapshotWeights + ", sinks=" + sinks + ")";
    }

    /** Configuration of a {@link ReceptiveFieldListener}. */
    public static final class Builder {
        private final int frequency;
        private InvocationType invocationType = InvocationType.ITERATION_END;
        private String parameter = "0_W";
        private boolean snapshotWeights = true;
        private final List<RecordSink<? super ReceptiveFieldRecord>> sinks = new ArrayList<>();

        /** @param frequency record every this many iterations (or epochs), >= 1 */
        public Builder(int frequency) {
            this.frequency = Require.atLeast("frequency", frequency, 1);
        }

        /** {@link InvocationType#ITERATION_END} (default) or {@link InvocationType#EPOCH_END}. */
        public Builder invocationType(InvocationType type) {
            Require.that(type == InvocationType.ITERATION_END || type == InvocationType.EPOCH_END,
                    "invocationType", type, "ITERATION_END or EPOCH_END");
            this.invocationType = type;
            return this;
        }

        /** Parameter key of the dense weight matrix (default {@code "0_W"}, the first layer). */
        public Builder parameter(String key) {
            this.parameter = Require.nonNull("parameter", key);
            return this;
        }

        /** Whether records carry the K x D weights (default true). */
        public Builder snapshotWeights(boolean snapshot) {
            this.snapshotWeights = snapshot;
            return this;
        }

        /** Adds a sink. */
        public Builder sink(RecordSink<? super ReceptiveFieldRecord> sink) {
            sinks.add(Require.nonNull("sink", sink));
            return this;
        }

        /** The listener. */
        public ReceptiveFieldListener build() {
            return new ReceptiveFieldListener(this);
        }
    }
}
