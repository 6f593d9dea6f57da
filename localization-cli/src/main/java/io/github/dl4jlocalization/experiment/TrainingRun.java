package io.github.dl4jlocalization.experiment;

import io.github.dl4jlocalization.data.DataModel;
import io.github.dl4jlocalization.iterators.DataModelDataSetIterator;
import io.github.dl4jlocalization.iterators.LabelFormat;
import io.github.dl4jlocalization.listeners.DivergenceGuard;
import io.github.dl4jlocalization.listeners.InMemoryRecordSink;
import io.github.dl4jlocalization.listeners.KurtosisListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldListener;
import io.github.dl4jlocalization.listeners.ReceptiveFieldReader;
import io.github.dl4jlocalization.listeners.ReceptiveFieldRecord;
import io.github.dl4jlocalization.listeners.RecordSink;
import io.github.dl4jlocalization.listeners.RecordingListener;
import io.github.dl4jlocalization.listeners.StatsStorageRecordSink;
import io.github.dl4jlocalization.listeners.TrainingDivergedException;
import io.github.dl4jlocalization.util.Require;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One training run made of the plugin's pieces: a network (the papers' networks or any
 * {@link MultiLayerNetwork}), a {@link DataSetIterator} of its batches (a
 * {@link DataModelDataSetIterator}, {@link #batches}) and a stack of DL4J listeners, trained by
 * one {@code net.fit(iterator)}. Every training of the application is this run: single runs and
 * the convolutional run ({@link Experiment}), the SGD side of a theory comparison, each phase of
 * pruning ({@link PruningRun}) and every sweep unit. The stack, in the order DL4J calls it after
 * each update:
 * <ol>
 *   <li>{@link DivergenceGuard}: a non-finite score or weight throws out of {@code fit} before
 *       any later listener sees it, so the records already written are intact and the run ends
 *       as diverged ({@link Outcome#divergence()}), naming the step and the quantity;</li>
 *   <li>the listeners that change the weights ({@link Builder#listener}: pruning masks), so that
 *       the recorders see the weights as trained;</li>
 *   <li>{@link ReceptiveFieldListener} every {@code recordEvery} updates: IPR, signed peaks and
 *       the weights, to memory and to the given sinks ({@code weights.csv}, the stats file);</li>
 *   <li>{@link MetricsListener} on the same schedule, with a held-out batch: the loss and
 *       accuracy on it, to memory and the given sinks ({@code metrics.csv});</li>
 *   <li>further recorders ({@link Builder#recorder}: effective receptive fields);</li>
 *   <li>with a stats storage: {@link KurtosisListener} (the input marginals of each record
 *       step's training batch, the pre-activations on the held-out batch) and DL4J's
 *       {@link StatsListener};</li>
 *   <li>{@link CheckpointListener} every {@code checkpointEvery} updates;</li>
 *   <li>{@link ProgressListener}: the observer, after every update.</li>
 * </ol>
 * {@link #recordNow} records the current state (step 0 before training). After {@code fit} the
 * run records and checkpoints the last step when the schedule did not. Summaries are built from
 * the records kept in memory ({@link #fieldRecords()}, {@link #metricsRows()}).
 *
 * <p>Batches are generated on a second thread by DL4J's {@link AsyncDataSetIterator} (or, without
 * prefetch, on the training thread into a cyclic workspace, {@link WorkspaceBatches}); they are pure
 * functions of (seed, index), so the results are identical either way. The prefetch thread is
 * stopped however {@code fit} ends.
 */
public final class TrainingRun {
    /** Batches generated ahead by the prefetch thread. */
    static final int PREFETCH_QUEUE = 2;

    private final boolean prefetch;
    private final InMemoryRecordSink<ReceptiveFieldRecord> fields = new InMemoryRecordSink<>();
    private final InMemoryRecordSink<MetricsRow> rows = new InMemoryRecordSink<>();
    private final ReceptiveFieldListener fieldListener;
    private final MetricsListener metricsListener;
    private final CheckpointListener checkpoints;
    private final List<RecordingListener<?>> recorders;
    private final List<TrainingListener> stack = new ArrayList<>();

    private TrainingRun(Builder b) {
        this.prefetch = b.prefetch;
        stack.add(new DivergenceGuard());
        stack.addAll(b.listeners);
        String session = b.statsSession;
        ReceptiveFieldListener.Builder fieldsBuilder = new ReceptiveFieldListener.Builder(b.recordEvery)
                .reader(b.reader).sink(fields);
        b.fieldSinks.forEach(fieldsBuilder::sink);
        StatsStorageRecordSink statsFields = b.stats == null ? null : new StatsStorageRecordSink(b.stats, session, "0");
        if (statsFields != null) {
            fieldsBuilder.sink(statsFields);
        }
        this.fieldListener = fieldsBuilder.build();
        stack.add(fieldListener);
        if (b.metrics) {
            MetricsListener.Builder metricsBuilder = new MetricsListener.Builder(b.recordEvery).heldOut(b.heldOut)
                    .reader(b.reader).learningRate(b.learningRate).sink(rows);
            b.metricsSinks.forEach(metricsBuilder::sink);
            this.metricsListener = metricsBuilder.build();
            stack.add(metricsListener);
        } else {
            this.metricsListener = null;
        }
        this.recorders = List.copyOf(b.recorders);
        stack.addAll(recorders);
        if (statsFields != null) {
            stack.add(new KurtosisListener.Builder(b.recordEvery).heldOutBatch(b.heldOut.features())
                    .sink(statsFields).build());
            stack.add(new StatsListener(b.stats, b.recordEvery, session));
        }
        this.checkpoints = b.checkpoints;
        if (checkpoints != null) {
            stack.add(checkpoints);
        }
        if (b.observer != null) {
            stack.add(new ProgressListener(b.observer, b.plannedSteps, rows, b.meanIprBefore));
        }
    }

    /** A run that records every {@code recordEvery} updates, >= 1. */
    public static Builder builder(int recordEvery) {
        return new Builder(recordEvery);
    }

    /**
     * The training batches {@code start, start + 1, ...} of a run of {@code config}: batch t of
     * its data seed, {@code batchesPerEpoch} to an epoch (the end of the run, or a pruning round).
     *
     * @param model {@code config.dataModel()}
     */
    public static DataModelDataSetIterator batches(RunConfig config, DataModel model, long start,
                                                   int batchesPerEpoch) {
        return new DataModelDataSetIterator.Builder(model).batchSize(config.batch()).batchesPerEpoch(batchesPerEpoch)
                .startBatch(start).seed(config.dataSeed()).labelFormat(LabelFormat.REGRESSION).build();
    }

    /** The listeners, in DL4J's calling order (the divergence guard first). */
    public List<TrainingListener> listeners() {
        return List.copyOf(stack);
    }

    /**
     * Records the network's current state (step 0 before training) with its own counters: the
     * receptive fields, the metrics row and every further recorder.
     */
    public void recordNow(MultiLayerNetwork net) {
        fieldListener.recordNow(net);
        if (metricsListener != null) {
            metricsListener.recordNow(net);
        }
        recorders.forEach(r -> r.recordNow(net));
    }

    /**
     * Trains {@code net} on the batches {@code train} has left (an exhausted iterator is reset
     * first: its next epoch), with this run's listeners: {@code net.fit(train)}. Then records and
     * checkpoints the last step, if the schedule did not.
     *
     * @return the step reached and how the training ended; a divergence is reported, not thrown
     */
    public Outcome fit(MultiLayerNetwork net, DataSetIterator train) {
        Require.nonNull("net", net);
        Require.nonNull("train", train);
        net.setListeners(stack);
        int recordsBefore = fields.size();
        try {
            fitBatches(net, train, prefetch);
        } catch (TrainingDivergedException e) {
            return new Outcome(e.step(), net.score(), e, checkpointArchive());
        }
        long steps = net.getIterationCount();
        // (a pruning phase rewinds the counter: a record of an earlier fit may have the same step)
        if (fields.size() == recordsBefore || fields.latest().iteration() != steps) {
            recordNow(net);
        }
        if (checkpoints != null) {
            checkpoints.write(net, steps);
        }
        return new Outcome(steps, net.score(), null, checkpointArchive());
    }

    /**
     * {@code net.fit} on the batches {@code train} has left (reset first when exhausted), with
     * the network's listeners; with {@code prefetch} the batches are generated on DL4J's prefetch
     * thread, which is stopped however {@code fit} ends.
     */
    static void fitBatches(MultiLayerNetwork net, DataSetIterator train, boolean prefetch) {
        if (!train.hasNext() && train.resetSupported()) {
            train.reset();
        }
        DataSetIterator batches = prefetch ? new AsyncDataSetIterator(train, PREFETCH_QUEUE, true)
                : new WorkspaceBatches(train);
        try {
            net.fit(batches);
        } finally {
            if (batches instanceof AsyncDataSetIterator async) {
                async.shutdown();
            } else if (batches instanceof WorkspaceBatches sync) {
                sync.close();
            }
        }
    }

    private String checkpointArchive() {
        return checkpoints == null ? null : checkpoints.lastArchive();
    }

    /** The receptive-field records of this run so far (with the weights), oldest first. */
    public List<ReceptiveFieldRecord> fieldRecords() {
        return fields.records();
    }

    /** The metrics rows of this run so far, oldest first (none without a held-out batch). */
    public List<MetricsRow> metricsRows() {
        return rows.records();
    }

    @Override
    public String toString() {
        return "TrainingRun" + stack;
    }

    /**
     * How a {@link #fit} ended.
     *
     * @param steps      the updates done (the diverging one included)
     * @param lastLoss   the loss of the last update (non-finite when it diverged there)
     * @param divergence the guard's exception when the run diverged, else null
     * @param checkpoint the archive of the last checkpoint, null when none
     */
    public record Outcome(long steps, double lastLoss, TrainingDivergedException divergence, String checkpoint) {
        /** COMPLETED or DIVERGED. */
        public RunSummary.Status status() {
            return divergence == null ? RunSummary.Status.COMPLETED : RunSummary.Status.DIVERGED;
        }
    }

    /** The pieces of a {@link TrainingRun}; everything but the record period is optional. */
    public static final class Builder {
        private final int recordEvery;
        private ReceptiveFieldReader reader = ReceptiveFieldReader.denseLayer("0_W");
        private final List<TrainingListener> listeners = new ArrayList<>();
        private final List<RecordingListener<?>> recorders = new ArrayList<>();
        private final List<RecordSink<? super ReceptiveFieldRecord>> fieldSinks = new ArrayList<>();
        private final List<RecordSink<? super MetricsRow>> metricsSinks = new ArrayList<>();
        private HeldOutBatch heldOut;
        private boolean metrics;
        private double learningRate;
        private StatsStorageRouter stats;
        private String statsSession;
        private CheckpointListener checkpoints;
        private Experiment.Observer observer;
        private long plannedSteps;
        private double meanIprBefore = Double.NaN;
        private boolean prefetch = true;

        private Builder(int recordEvery) {
            this.recordEvery = Require.atLeast("recordEvery", recordEvery, 1);
        }

        /** How the receptive fields are read (default: the dense layer {@code "0_W"}). */
        public Builder reader(ReceptiveFieldReader reader) {
            this.reader = Require.nonNull("reader", reader);
            return this;
        }

        /** Adds a listener that changes the weights (e.g. pruning masks): right after the guard. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Require.nonNull("listener", listener));
            return this;
        }

        /**
         * Adds a listener that only records (e.g. effective receptive fields), after the run's own
         * recorders and before the stats, checkpoint and progress listeners. It records with the
         * run's own records too: at {@link #recordNow} and at the last step when its schedule did
         * not (give it the run's {@code recordEvery}).
         */
        public Builder recorder(RecordingListener<?> recorder) {
            recorders.add(Require.nonNull("recorder", recorder));
            return this;
        }

        /** Adds a sink of the receptive-field records (besides memory). */
        public Builder fieldSink(RecordSink<? super ReceptiveFieldRecord> sink) {
            fieldSinks.add(Require.nonNull("sink", sink));
            return this;
        }

        /** The held-out batch: scored at every record, and measured for the stats file's kurtosis. */
        public Builder heldOut(HeldOutBatch heldOut) {
            this.heldOut = Require.nonNull("heldOut", heldOut);
            return this;
        }

        /**
         * Records a {@link MetricsRow} at every record (needs {@link #heldOut}), to memory and
         * {@code sinks}.
         *
         * @param learningRate the learning rate, for the time axis {@code t = step * lr}
         */
        @SafeVarargs
        public final Builder metrics(double learningRate, RecordSink<? super MetricsRow>... sinks) {
            this.metrics = true;
            this.learningRate = learningRate;
            for (RecordSink<? super MetricsRow> sink : sinks) {
                metricsSinks.add(Require.nonNull("sink", sink));
            }
            return this;
        }

        /**
         * Feeds a DL4J stats storage, under {@code session}: DL4J's {@code StatsListener}, the
         * receptive-field records and the kurtosis records (needs {@link #heldOut}), every
         * {@code recordEvery} updates.
         */
        public Builder stats(StatsStorageRouter storage, String session) {
            this.stats = Require.nonNull("stats storage", storage);
            this.statsSession = Require.nonNull("session", session);
            return this;
        }

        /**
         * Checkpoints every {@code every} updates (0: only after the last step) into
         * {@code folder}.
         *
         * @param secondsBefore training seconds before this session (a resumed run's)
         * @param startedNanos  {@link System#nanoTime()} at the start of this session
         * @param resumedFrom   the archive this session resumed from, or null
         */
        public Builder checkpoints(Path folder, int every, double secondsBefore, long startedNanos,
                                   String resumedFrom) {
            this.checkpoints = new CheckpointListener(every, folder, secondsBefore, startedNanos, resumedFrom);
            return this;
        }

        /**
         * Tells {@code observer} of every update.
         *
         * @param plannedSteps  the steps planned, for the observer
         * @param meanIprBefore the mean IPR before this run's first record (a resumed run's last)
         */
        public Builder observer(Experiment.Observer observer, long plannedSteps, double meanIprBefore) {
            this.observer = Require.nonNull("observer", observer);
            this.plannedSteps = plannedSteps;
            this.meanIprBefore = meanIprBefore;
            return this;
        }

        /** Whether batches are generated on a second thread (default true; the results are identical). */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** The run. */
        public TrainingRun build() {
            Require.that(heldOut != null || !metrics && stats == null, "heldOut", null,
                    "a held-out batch for the metrics rows and the stats file's kurtosis");
            return new TrainingRun(this);
        }
    }
}
