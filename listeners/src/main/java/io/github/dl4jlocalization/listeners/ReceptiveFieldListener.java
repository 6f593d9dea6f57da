package io.github.dl4jlocalization.listeners;

import io.github.dl4jlocalization.metrics.LocalizationMetrics;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.InvocationType;

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
 * {@code .parameter("1_W")} watches another dense layer, {@code .reader(...)} any layer
 * ({@link ReceptiveFieldReader}, e.g. a convolution's filters), {@code .snapshotWeights(false)}
 * leaves the K x D weights out of the records. The weights must be finite (put a {@link DivergenceGuard}
 * before this listener).
 *
 * <p>Serializable when its sinks are; thread-safe as far as its sinks are (DL4J calls a listener
 * from the training thread only).
 */
public class ReceptiveFieldListener extends RecordingListener<ReceptiveFieldRecord> {
    private static final long serialVersionUID = 1L;

    private final ReceptiveFieldReader reader;
    private final boolean snapshotWeights;

    /**
     * Records every {@code frequency} iterations the first layer's ({@code "0_W"}) receptive
     * fields, with weight snapshots, into {@code sink}.
     */
    public ReceptiveFieldListener(int frequency, RecordSink<? super ReceptiveFieldRecord> sink) {
        this(new Builder(frequency).sink(sink));
    }

    private ReceptiveFieldListener(Builder b) {
        super(b);
        this.reader = b.reader;
        this.snapshotWeights = b.snapshotWeights;
    }

    /**
     * The receptive fields now ({@link ReceptiveFieldReader}): IPR and signed peak of every unit,
     * and the weights when snapshots are on.
     */
    @Override
    protected ReceptiveFieldRecord measure(Model model, long step, int epoch) {
        double[][] fields = reader.read(model);
        return new ReceptiveFieldRecord(step, epoch, model.score(), LocalizationMetrics.iprPerUnit(fields),
                LocalizationMetrics.signedPeaks(fields), snapshotWeights ? fields : null, System.currentTimeMillis());
    }

    @Override
    protected String summarize(ReceptiveFieldRecord record) {
        int best = record.mostLocalizedUnit();
        return String.format("score %.6g, mean IPR %.4f, max IPR %.4f (unit %d, peak %s)", record.score(),
                record.meanIpr(), record.maxIpr(), best, best < 0 ? "-" : record.peaks()[best]);
    }

    @Override
    protected String settings() {
        return reader + ", snapshotWeights=" + snapshotWeights;
    }

    /** Configuration of a {@link ReceptiveFieldListener}. */
    public static final class Builder extends RecordingListener.Builder<ReceptiveFieldRecord, Builder> {
        private ReceptiveFieldReader reader = ReceptiveFieldReader.denseLayer("0_W");
        private boolean snapshotWeights = true;

        /** @param frequency record every this many iterations (or epochs), >= 1 */
        public Builder(int frequency) {
            super(frequency);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * Parameter key of the dense weight matrix (default {@code "0_W"}, the first layer):
         * {@code reader(ReceptiveFieldReader.denseLayer(key))}.
         */
        public Builder parameter(String key) {
            return reader(ReceptiveFieldReader.denseLayer(key));
        }

        /** How the receptive fields are read from the model (default: the dense layer {@code "0_W"}). */
        public Builder reader(ReceptiveFieldReader reader) {
            this.reader = Require.nonNull("reader", reader);
            return this;
        }

        /** Whether records carry the K x D weights (default true). */
        public Builder snapshotWeights(boolean snapshot) {
            this.snapshotWeights = snapshot;
            return this;
        }

        /** The listener. */
        public ReceptiveFieldListener build() {
            return new ReceptiveFieldListener(this);
        }
    }
}
