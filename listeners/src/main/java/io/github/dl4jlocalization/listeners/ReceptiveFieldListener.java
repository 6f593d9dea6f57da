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
 * parameter updates (or every {@code frequency} epochs with {@link InvocationType#EPOCH_END}) it
 * computes each hidden unit's inverse participation ratio
 * {@code IPR_k = sum_i w_ki^4 / (sum_i w_ki^2)^2} and signed peak {@code argmax_i |w_ki|} with the
 * sign of that weight ({@link LocalizationMetrics}), optionally snapshots the weights, logs a
 * one-line summary through SLF4J (logger {@code io.github.dl4jlocalization.listeners.ReceptiveFieldListener},
 * level INFO) and hands a {@link ReceptiveFieldRecord} to each of its {@link RecordSink}s.
 *
 * <p>Unit k's receptive field is column k of the layer's weight matrix (DL4J's dense
 * {@code W} is nIn x nOut = D x K). DL4J calls {@code iterationDone} after the parameter update;
 * a record's {@code iteration} is the number of updates its weights have seen: with frequency N
 * the records are at steps N, 2N, ...; {@link #recordNow(Model)} before {@code fit} adds step 0
 * (the initial weights), as the reference saves them.
 *
 * <h2>Adding it to an existing pipeline</h2>
 * <pre>{@code
 * MultiLayerNetwork net = ...;                                         // any net with a dense "0_W"
 * InMemoryRecordSink<ReceptiveFieldRecord> memory = new InMemoryRecordSink<>();
 * ReceptiveFieldListener fields = new ReceptiveFieldListener.Builder(100)   // every 100 steps
 *         .sink(memory)
 *         .sink(new JsonLinesRecordSink<>(Path.of("runs/fields.jsonl"), false))
 *         .sink(new StatsStorageRecordSink(statsStorage))              // custom page of the DL4J UI
 *         .build();
 * net.addListeners(new DivergenceGuard(), fields);   // the guard first: it stops on NaN before a record
 * fields.recordNow(net);                              // step 0: the initial weights
 * net.fit(trainIterator, epochs);
 * fields.close();                                     // closes the sinks
 * }</pre>
 * With {@code .invocationType(InvocationType.EPOCH_END)} the frequency counts epochs instead;
 * {@code .parameter("1_W")} watches another layer, {@code .snapshotWeights(false)} leaves the
 * K x D weights out of the records. The weights must be finite (put a {@link DivergenceGuard}
 * before this listener).
 *
 * <p>Serializable when its sinks are; thread-safe as far as its sinks are (DL4J calls a listener
 * from the training thread only).
 */
public class ReceptiveFieldListener extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger log = LoggerFactory.getLogger(ReceptiveFieldListener.class);

    private final Schedule schedule;
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
        this.schedule = new Schedule(b.frequency, b.invocationType);
        this.parameter = b.parameter;
        this.snapshotWeights = b.snapshotWeights;
        this.sinks = List.copyOf(b.sinks);
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        long step = iteration + 1L;
        if (schedule.dueAfterStep(step)) {
            recordNow(model, step, epoch);
        }
    }

    @Override
    public void onEpochEnd(Model model) {
        int epoch = ModelAccess.epoch(model);
        if (schedule.dueAtEndOfEpoch(epoch)) {
            recordNow(model, ModelAccess.stepsDone(model), epoch);
        }
    }

    /**
     * Records the model's current receptive fields now, whatever the schedule, at the model's own
     * counters (e.g. the initial weights, step 0, before {@code fit}).
     */
    public ReceptiveFieldRecord recordNow(Model model) {
        return recordNow(model, ModelAccess.stepsDone(model), ModelAccess.epoch(model));
    }

    /**
     * Records the model's current receptive fields now, whatever the schedule, and hands the
     * record to the sinks.
     *
     * @param iteration the number of parameter updates the weights have seen (the record's step)
     * @param epoch     the epoch to report
     */
    public ReceptiveFieldRecord recordNow(Model model, long iteration, int epoch) {
        INDArray weights = ModelAccess.denseWeights(model, parameter);
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

    /** Closes every sink. */
    public void close() {
        sinks.forEach(RecordSink::close);
    }

    /** The recording period, in iterations or epochs. */
    public int frequency() {
        return schedule.frequency();
    }

    @Override
    public String toString() {
        return "ReceptiveFieldListener(" + schedule + ", parameter="
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
            this.invocationType = new Schedule(frequency, type).invocationType();
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
